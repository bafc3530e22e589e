"""``qc bench fluency_wmt``: fluency findings per 100 segments on real MT vs human references.

Reads a WMT folder (``generaltest2022.en-de.{hyp.SYSTEM,ref.A,ref.B}.de``; path from the
command line, nothing shipped), samples the same ``--segments`` line numbers for every
system (fixed seed), checks each segment with the fluency detector alone at its shipped
thresholds, and prints per system: major/minor findings per 100 segments, the share of
segments flagged, and the mean NLL per token. Human references should get fewer
findings than every MT system.

Example::

    qc bench fluency_wmt /path/to/wmt --segments 300
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path
from typing import Any


def system_files(folder: Path) -> dict[str, Path]:
    """``{"ref.A": path, "Online-A": path, …}`` of the German sides in a WMT22 en-de folder."""
    out: dict[str, Path] = {}
    for p in sorted(folder.glob("*.en-de.*.de")):
        kind, _, name = p.name.split(".en-de.")[1].rpartition(".de")[0].partition(".")
        out[f"ref.{name}" if kind == "ref" else name] = p
    return out


def run(folder: Path, *, segments: int = 300, seed: int = 13, model: str | None = None,
        effort: str = "fast") -> dict[str, Any]:
    from qc.config import LMConfig
    from qc.detectors.fluency import FluencyDetector
    from qc.model import Document
    from qc.segment import Segmentation

    files = system_files(folder)
    lines = {name: p.read_text(encoding="utf-8").splitlines() for name, p in files.items()}
    n = min(len(v) for v in lines.values())
    picks = sorted(random.Random(seed).sample(range(n), min(segments, n)))
    det = FluencyDetector({"effort": effort})
    det.configure_lm(LMConfig(model=model, device="cpu", effort=effort))
    result: dict[str, Any] = {"segments": len(picks), "seed": seed, "effort": effort, "systems": {}}
    for name, seg_lines in lines.items():
        t0 = time.perf_counter()
        findings = flagged = tokens = 0
        nll = 0.0
        for i in picks:
            text = seg_lines[i]
            doc = Document(id=f"{name}:{i}", text=text)
            seg = Segmentation(text)
            found = [f for f in det.detect(doc, seg) if f.severity in ("major", "minor")]
            _, scores = det._run(doc, seg)
            findings += len(found)
            flagged += bool(found)
            tokens += sum(s.tokens for s in scores)
            nll += sum(s.nll_per_token * s.tokens for s in scores)
        result["systems"][name] = {
            "findings_per_100": round(100 * findings / len(picks), 2),
            "segments_flagged_pct": round(100 * flagged / len(picks), 2),
            "nll_per_token": round(nll / max(1, tokens), 4),
            "seconds": round(time.perf_counter() - t0, 1),
        }
        print(name, result["systems"][name], flush=True)
    refs = {k: v["findings_per_100"] for k, v in result["systems"].items() if k.startswith("ref.")}
    mts = {k: v["findings_per_100"] for k, v in result["systems"].items() if not k.startswith("ref.")}
    result["references_below_every_system"] = bool(refs and mts and max(refs.values()) < min(mts.values()))
    return result


def main(folder: Path, segments: int = 300, seed: int = 13, model: str | None = None, effort: str = "fast",
         out: Path | None = None, threads: int | None = None) -> None:
    """Fluency findings per 100 segments for each WMT22 en-de system and both human references."""
    if threads:  # torch intra-op threads; 1 is fastest for the small LM on a busy 2-core box
        import torch

        torch.set_num_threads(threads)
    result = run(folder, segments=segments, seed=seed, model=model, effort=effort)
    text = json.dumps(result, indent=2)
    print(text)
    if out:
        out.write_text(text + "\n", encoding="utf-8")
