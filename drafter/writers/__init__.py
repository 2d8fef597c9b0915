"""Writers turn a Speech into an output format: .docx (GB/T 9704 layout), .md, .txt.

Each writer lives in its own module and is imported only when used, so that
building Markdown never loads python-docx.
"""

from __future__ import annotations

FORMATS = ("docx", "md", "txt")
