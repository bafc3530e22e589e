"""Detectors, each registered by name. Importing this package registers them all."""

from qc.detectors.base import REGISTRY, Detector, DetectorOptions, register

# Importing the modules registers the detectors (order is the default run order).
from qc.detectors import (  # noqa: F401  isort: skip
    foreign,
    boilerplate,
    metadata,
    duplicate,
    typography,
    spelling,
    attribution,
    calque,
    fluency,
    xling_checks,
    xling_reference,
)

__all__ = ["REGISTRY", "Detector", "DetectorOptions", "register"]
