"""Per-file perplexity of a language model: per-word perplexity and bits per character.

Each non-empty line is scored as its own sentence (``<s> line </s>``; the ``</s>`` counts),
or, with ``stream=True``, the lines are scored as one running stream ``<s> l1 </s> <s> l2
</s> …`` (the format the default model was trained on) with a sliding window, so every
sentence sees the ones before it.

    per-word perplexity = exp(total NLL / total words)          words = str.split()
    bits per character  = total NLL / ln 2 / total characters   characters of the scored lines

Both are independent of the tokenizer, so models with different vocabularies compare.

Example::

    >>> file_perplexity("data/corpus/de-news.valid.txt.xz", LMScorer.load())  # doctest: +SKIP
    FilePerplexity(file='de-news.valid.txt.xz', tokens=…, words=3610, chars=…, nll=…)
"""

from __future__ import annotations

import lzma
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from qc.lm.scorer import LMScorer

#: lines tokenized and scored together; bounds memory on large files
CHUNK_LINES = 2000


@dataclass(frozen=True)
class FilePerplexity:
    """Aggregate scores of one file.

    >>> r = FilePerplexity("a.txt", tokens=5, words=2, chars=10, nll=2 * math.log(8))
    >>> round(r.perplexity_per_word, 3), round(r.bits_per_char, 3)
    (8.0, 0.6)
    """

    file: str
    tokens: int
    words: int
    chars: int
    nll: float  # nats, summed over all scored tokens

    @property
    def perplexity_per_word(self) -> float:
        return math.exp(self.nll / self.words) if self.words else float("nan")

    @property
    def bits_per_char(self) -> float:
        return self.nll / math.log(2) / self.chars if self.chars else float("nan")

    @property
    def nll_per_token(self) -> float:
        return self.nll / self.tokens if self.tokens else float("nan")

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "tokens": self.tokens,
            "words": self.words,
            "chars": self.chars,
            "perplexity_per_word": round(self.perplexity_per_word, 3),
            "bits_per_char": round(self.bits_per_char, 4),
        }


def read_lines(path: str | Path, limit: int | None = None) -> Iterator[str]:
    """Yield the non-empty lines of a ``.txt`` or ``.txt.xz`` file, without line breaks.

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "x.txt"); _ = open(p, "w").write("a\\n\\n b \\n")
    >>> list(read_lines(p))
    ['a', ' b ']
    """
    path = Path(path)
    opener = lzma.open if path.suffix == ".xz" else open
    count = 0
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        for raw in fh:
            line = raw.rstrip("\r\n")
            if not line.strip():
                continue
            yield line
            count += 1
            if limit is not None and count >= limit:
                return


def _chunks(lines: Iterable[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def lines_perplexity(
    lines: Iterable[str], scorer: LMScorer, *, name: str = "-", stream: bool = False
) -> FilePerplexity:
    """Score lines (see module docstring) and aggregate them."""
    tokens = words = chars = 0
    nll = 0.0
    carry: list[int] = []  # stream mode: left context from the previous chunk
    for chunk in _chunks(lines, CHUNK_LINES):
        words += sum(len(line.split()) for line in chunk)
        chars += sum(len(line) for line in chunk)
        ids = scorer.tokenizer(chunk, add_special_tokens=False)["input_ids"]
        if stream:
            seq = list(carry)
            for line_ids in ids:
                if not seq or scorer.bos_id != scorer.eos_id:
                    seq.append(scorer.bos_id)  # GPT-2 style models: one eos separates lines
                seq.extend(line_ids)
                seq.append(scorer.eos_id)
            # the first token (the opening <s>) is never scored; carried context is not rescored
            first = max(1, len(carry))
            lps = scorer.score_ids([seq], first=first)[0]
            tokens += len(lps)
            nll -= math.fsum(lps)
            carry = seq[-max(1, scorer.context // 2) :]
        else:
            for lps in scorer.score_ids([[scorer.bos_id, *x, scorer.eos_id] for x in ids]):
                tokens += len(lps)
                nll -= math.fsum(lps)
    return FilePerplexity(name, tokens=tokens, words=words, chars=chars, nll=nll)


def file_perplexity(
    path: str | Path, scorer: LMScorer, *, stream: bool = False, limit: int | None = None
) -> FilePerplexity:
    """Per-word perplexity and bits/char of one ``.txt``/``.txt.xz`` file (first ``limit`` lines)."""
    return lines_perplexity(read_lines(path, limit), scorer, name=Path(path).name, stream=stream)
