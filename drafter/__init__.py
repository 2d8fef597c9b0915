"""drafter: draft Chinese official speeches (讲话稿) from a mined corpus.

The package is a pipeline: corpus (load, clean, split, parse) -> mining
(outlines, phrase banks) -> spec -> render -> writers (docx, md, txt), with
the CLI and the terminal UI as thin shells over it. Importing the package is
cheap: heavy libraries (jieba, python-docx, Textual) load where they are used.
"""

__version__ = "0.1.0"
