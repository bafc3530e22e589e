"""One configuration: defaults in code, overridden by a TOML file, unknown keys rejected.

Example ``qc.toml``::

    [score]
    pass_threshold = 80

    [detectors.spelling]
    enabled = false

    [lm]
    model = "models/qc-de-lm"   # or any HF causal LM id/path
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class ScoreConfig:
    """See :mod:`qc.score` for the formula."""

    weight_major: float = 12.0
    weight_minor: float = 3.0
    weight_info: float = 0.0
    #: penalties are divided by max(1, words / words_per_unit) ** length_exponent
    words_per_unit: int = 300
    length_exponent: float = 0.5
    pass_threshold: float = 85.0
    review_threshold: float = 50.0
    #: an article with a major finding never passes (at best review)
    major_blocks_pass: bool = True


@dataclass
class LMConfig:
    #: None = the shipped default model in models/; else a local folder or a hub id
    model: str | None = None
    enabled: bool = True
    device: str | None = None  # None = auto (cuda if present)
    effort: str = "fast"  # fast | thorough
    #: int8 dynamic quantisation of the LM's linear layers; None = on CPU yes, on GPU no.
    #: On 2 CPU threads it checks a seed article 2.6x faster with the same findings.
    quantize: bool | None = None


@dataclass
class Config:
    score: ScoreConfig = field(default_factory=ScoreConfig)
    lm: LMConfig = field(default_factory=LMConfig)
    #: per-detector option tables, validated by each detector's Options class
    detectors: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Config:
        unknown = set(data) - {"score", "lm", "detectors"}
        if unknown:
            raise ValueError(f"unknown config section(s): {sorted(unknown)}")
        from qc.detectors import REGISTRY

        detectors = data.get("detectors", {})
        for name, options in detectors.items():
            if name not in REGISTRY:
                raise ValueError(f"unknown detector {name!r} in config; known: {sorted(REGISTRY)}")
            if not isinstance(options, dict):
                raise ValueError(f"[detectors.{name}] must be a table")
        return cls(
            score=_build(ScoreConfig, data.get("score", {}), "score"),
            lm=_build(LMConfig, data.get("lm", {}), "lm"),
            detectors=detectors,
        )

    @classmethod
    def from_toml(cls, path: str | Path) -> Config:
        return cls.from_dict(tomllib.loads(Path(path).read_text(encoding="utf-8")))

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def signature(self) -> str:
        """A short hash of the settings, echoed into reports (cf. sacrebleu's signatures)."""
        blob = json.dumps(self.to_dict(), sort_keys=True, default=str).encode()
        return hashlib.sha1(blob).hexdigest()[:12]


def _build(cls: type, values: dict[str, Any], section: str) -> Any:
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = set(values) - known
    if unknown:
        raise ValueError(f"unknown key(s) in [{section}]: {sorted(unknown)}; known: {sorted(known)}")
    return cls(**values)
