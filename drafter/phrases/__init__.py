"""Phrase banks: the format and loader (bank), the corpus miner (mine),
curator operations (curate) and suggestion ranking (rank).

Only `bank` is light; `mine` and `rank` load jieba through
`drafter.segment` when they first segment text.
"""
