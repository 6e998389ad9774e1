"""Discovery lists an export's files as an os.walk over it would: same files, same order, no links followed, build
folders and nested exports left out (the walk itself uses one scandir per folder)."""

from __future__ import annotations

import os
from pathlib import Path

from linter.discover import SKIPPED_DIRS, classify, export_files, find_export_roots


def _reference(root: Path) -> list[tuple[Path, str]]:
    nested = {r for r in find_export_roots(root) if r != root}
    found = []
    for current, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not os.path.islink(os.path.join(current, d)))
        for name in sorted(files):
            path = Path(current, name)
            if any(n in path.parents for n in nested) or path.is_symlink():
                continue
            found.append((path, classify(path.relative_to(root).as_posix()).value))
    return found


def test_export_files_match_a_walk_of_the_tree(tmp_path):
    root = (tmp_path / "app").resolve()
    files = [
        "pubspec.yaml",
        "lib/main.dart",
        "lib/backend/api_requests/api_calls.dart",
        "lib/pages/b_page/b_widget.dart",
        "lib/pages/a_page/a_widget.dart",
        "lib/pages/a_page/Z.dart",
        "assets/environment_values/environment.json",
        "build/out.dart",
        "lib/.dart_tool/x.dart",
        "node_modules/pkg/index.js",
        "tools/sub app/pubspec.yaml",  # a nested export: its own root
        "tools/sub app/lib/x.dart",
        "tools/notes.md",
        ".env",
        "ios/Runner/Info.plist",
        "ünïcode/ç.dart",
    ]
    for relative in files:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text("x\n")
    (root / "lib" / "link.dart").symlink_to(root / "lib" / "main.dart")
    (root / "lib" / "broken.dart").symlink_to(root / "missing.dart")
    (root / "linked_dir").symlink_to(root / "lib")
    (root / "outside").symlink_to(tmp_path)
    listed = [(path, kind.value) for path, kind in export_files(root).files]
    assert listed == _reference(root)
    relatives = [path.relative_to(root).as_posix() for path, _ in listed]
    assert "lib/main.dart" in relatives and "ünïcode/ç.dart" in relatives
    assert not any(r.startswith(("build/", "tools/sub app/", "node_modules/", "linked_dir")) for r in relatives)
    assert "lib/link.dart" not in relatives and "lib/broken.dart" not in relatives
    assert relatives.index("lib/pages/a_page/Z.dart") < relatives.index("lib/pages/a_page/a_widget.dart")
