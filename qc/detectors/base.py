"""The detector interface and registry.

A detector is a small unit with one job: ``detect(doc, seg) -> list[Finding]``.
It never edits text; it returns findings that carry repairs. Detectors register
themselves by name with :func:`register`; the pipeline builds the enabled ones
from configuration (``[detectors.<name>]`` tables, unknown keys rejected).

Each detector documents "flags this / leaves this alone" examples in its class
attributes ``examples_flagged`` and ``examples_clean``; one parametrised test
runs them all (see ``tests/test_detector_examples.py``).
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from typing import Any, ClassVar

from qc.model import Document, Finding
from qc.segment import Segmentation


@dataclasses.dataclass
class DetectorOptions:
    """Options every detector has. Subclasses add their own fields."""

    enabled: bool = True


class Detector(ABC):
    name: ClassVar[str]
    Options: ClassVar[type[DetectorOptions]] = DetectorOptions
    #: texts this detector must flag (at least one finding of a severity in ``flags_at``) ...
    examples_flagged: ClassVar[tuple[str, ...]] = ()
    #: the severities its flagged examples must reach; info-only detectors (attribution) say so
    flags_at: ClassVar[tuple[str, ...]] = ("major", "minor")
    #: ... and texts it must leave alone (no major/minor finding)
    examples_clean: ClassVar[tuple[str, ...]] = ()
    #: needs the language model (skipped with --no-lm)
    needs_lm: ClassVar[bool] = False
    #: needs the source text (skipped when a document has none)
    needs_source: ClassVar[bool] = False

    def __init__(self, options: DetectorOptions | dict[str, Any] | None = None) -> None:
        if isinstance(options, DetectorOptions):
            self.options = options
        else:
            self.options = build_options(self.Options, options or {}, self.name)

    @abstractmethod
    def detect(self, doc: Document, seg: Segmentation) -> list[Finding]:
        """Return the findings of this detector for one document."""


REGISTRY: dict[str, type[Detector]] = {}


def register(cls: type[Detector]) -> type[Detector]:
    if cls.name in REGISTRY and REGISTRY[cls.name] is not cls:
        raise ValueError(f"detector name {cls.name!r} registered twice")
    REGISTRY[cls.name] = cls
    return cls


def build_options(options_cls: type[DetectorOptions], values: dict[str, Any], where: str) -> DetectorOptions:
    known = {f.name for f in dataclasses.fields(options_cls)}
    unknown = set(values) - known
    if unknown:
        raise ValueError(
            f"unknown option(s) for detector {where!r}: {sorted(unknown)}; known: {sorted(known)}"
        )
    return options_cls(**values)
