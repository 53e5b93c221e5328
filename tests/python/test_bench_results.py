"""bench/RESULTS.md: a bench run rewrites the measured part and keeps the
hand-written notes below the marker (no benchmark is run here)."""

from __future__ import annotations

from pathlib import Path

from mqlfunnel.devtools.bench import NOTES_MARKER, RESULTS_MD, write_results


def test_a_run_keeps_the_notes(tmp_path: Path) -> None:
    output = tmp_path / "RESULTS.md"
    write_results(output, "# Benchmark results\n\nfirst run\n")
    assert output.read_text() == f"# Benchmark results\n\nfirst run\n\n{NOTES_MARKER}\n"
    output.write_text(output.read_text() + "\n## Notes\n\nwritten by hand\n")
    write_results(output, "# Benchmark results\n\nsecond run\n")
    text = output.read_text()
    assert "second run" in text and "first run" not in text
    assert text.endswith(f"{NOTES_MARKER}\n\n## Notes\n\nwritten by hand\n")


def test_the_committed_results_have_their_notes() -> None:
    measured, notes = RESULTS_MD.read_text().split(NOTES_MARKER)
    assert "## Results" in measured and "## Targets" in measured
    assert "## Notes" in notes and "What dominated and what changed" in notes
