"""Typed environment variables with one prefix, self-documenting.

Every setting the platform reads from the environment is declared here through ``Env``; the declarations
are also the source of ``docs/configuration.md`` (``chinhquyenso config_docs``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

PREFIX = "CQS_"


class ConfigurationError(Exception):
    """A setting is missing or malformed; the platform refuses to start."""


@dataclass(frozen=True)
class Declaration:
    name: str
    kind: str
    default: object
    help: str
    aliases: tuple[str, ...] = ()


@dataclass
class Env:
    environ: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    declarations: list[Declaration] = field(default_factory=list)

    def _raw(self, name: str, aliases: tuple[str, ...]) -> str | None:
        for key in (PREFIX + name, *aliases):
            if key in self.environ and self.environ[key] != "":
                return self.environ[key]
        return None

    def _declare(self, name, kind, default, help_text, aliases):
        self.declarations.append(Declaration(name, kind, default, help_text, tuple(aliases)))
        return self._raw(name, tuple(aliases))

    def str(self, name: str, default: str | None, help: str, aliases: tuple[str, ...] = ()) -> str | None:  # noqa: A003
        raw = self._declare(name, "string", default, help, aliases)
        return default if raw is None else raw

    def bool(self, name: str, default: bool, help: str) -> bool:  # noqa: A003
        raw = self._declare(name, "boolean", default, help, ())
        if raw is None:
            return default
        lowered = raw.strip().lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off"}:
            return False
        raise ConfigurationError(f"{PREFIX}{name} must be true or false, not {raw!r}")

    def int(self, name: str, default: int, help: str) -> int:  # noqa: A003
        raw = self._declare(name, "integer", default, help, ())
        if raw is None:
            return default
        try:
            return int(raw)
        except ValueError:
            raise ConfigurationError(f"{PREFIX}{name} must be an integer, not {raw!r}") from None

    def list(self, name: str, default: list[str], help: str) -> list[str]:  # noqa: A003
        raw = self._declare(name, "comma-separated list", ",".join(default), help, ())
        if raw is None:
            return list(default)
        return [item.strip() for item in raw.split(",") if item.strip()]

    def choice(self, name: str, default: str, choices: tuple[str, ...], help: str) -> str:
        raw = self._declare(name, "one of " + " | ".join(choices), default, help, ())
        value = default if raw is None else raw
        if value not in choices:
            raise ConfigurationError(f"{PREFIX}{name} must be one of {', '.join(choices)}, not {value!r}")
        return value
