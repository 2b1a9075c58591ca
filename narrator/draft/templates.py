"""Template sets: a folder with ``manifest.yaml`` and one Jinja2 file per section.

A set is found by name in the shipped ``templates/`` folder or given as a path.
The manifest is validated (pydantic, extra fields forbidden) and every section
file it names must exist, so a broken set fails before any drafting starts.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from narrator.errors import FiguresError, InputError, TemplateError
from narrator.figures.parse import parse_yaml
from narrator.resources import templates_dir


class SectionSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str
    title: str
    # Name of a boolean in the render context; the section is left out when it is false.
    when: str | None = None


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    description: str
    heading: str = Field(description="Jinja2 expression for the part's heading")
    sections: list[SectionSpec] = Field(min_length=1)


class TemplateSet:
    def __init__(self, folder: Path, manifest: Manifest):
        self.folder = folder
        self.manifest = manifest

    @property
    def name(self) -> str:
        return self.manifest.name


def available_sets() -> list[str]:
    root = templates_dir()
    return sorted(p.name for p in root.iterdir() if (p / "manifest.yaml").is_file())


def load_template_set(name_or_path: str) -> TemplateSet:
    folder = _find(name_or_path)
    manifest_path = folder / "manifest.yaml"
    try:  # bounded like a figures file: a template set comes from whoever wrote it
        data = parse_yaml(manifest_path.read_text(encoding="utf-8"), str(manifest_path))
        manifest = Manifest.model_validate(data)
    except FiguresError as exc:
        detail = "；".join(f"{loc}: {message}" for loc, message in exc.problems)
        raise TemplateError(f"{manifest_path}: 模板清单无效 — {detail}") from None
    except InputError as exc:
        raise TemplateError(str(exc)) from None
    except (yaml.YAMLError, ValidationError, OSError, UnicodeDecodeError) as exc:
        detail = " ".join(str(exc).split())
        raise TemplateError(f"{manifest_path}: 模板清单无效 — {detail}") from None
    missing = [s.file for s in manifest.sections if not (folder / s.file).is_file()]
    if missing:
        raise TemplateError(f"{folder}: 模板清单列出的文件不存在: {', '.join(missing)}")
    return TemplateSet(folder, manifest)


def _find(name_or_path: str) -> Path:
    as_path = Path(name_or_path)
    if (as_path / "manifest.yaml").is_file():
        return as_path
    shipped = templates_dir() / name_or_path
    if (shipped / "manifest.yaml").is_file():
        return shipped
    raise TemplateError(
        f"找不到模板集 {name_or_path!r}：可用的有 {', '.join(available_sets())}，或给出含 manifest.yaml 的目录"
    )
