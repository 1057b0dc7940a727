"""Usage errors (missing argument, unknown option, bad value …) said in Arabic.

typer words these in English inside the exception. The exception's class, its parameter and the
English sentence's pattern say enough to word them again from `data/cli_errors.json`, so the user
of an all-Arabic tool never meets an English sentence for a typo on the command line. A message
no pattern knows gets a general Arabic sentence rather than the English one.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    return json.loads(resources.files("marsad").joinpath("data/cli_errors.json").read_text("utf-8"))


def _classes(exc: BaseException) -> list[str]:
    return [cls.__name__ for cls in type(exc).__mro__]


def _param_name(exc: Any) -> str:
    param = getattr(exc, "param", None)
    if param is None:
        return str(getattr(exc, "param_hint", None) or "")
    opts = [o for o in getattr(param, "opts", []) if o.startswith("-")]
    if opts:
        return max(opts, key=len)
    return str(getattr(param, "metavar", None) or getattr(param, "name", "") or "").upper()


def _by_pattern(message: str, patterns: list[list[str]]) -> str | None:
    for pattern, template in patterns:
        found = re.search(pattern, message)
        if found:
            return template.format(**{k: v or "" for k, v in found.groupdict().items()})
    return None


def _did_you_mean(message: str, possibilities: list[str] | None) -> str:
    names = list(possibilities or []) or re.findall(r"'([^']+)'", message.partition("Did you mean")[2])
    return " " + _words()["did_you_mean"].format(names="، ".join(sorted(names))) if names else ""


def arabic_message(exc: BaseException) -> str:
    """The Arabic sentence for a usage error; the library's English never reaches the user."""
    words = _words()
    message = str(getattr(exc, "message", "") or "")
    classes = _classes(exc)
    if "NoSuchOption" in classes:
        return (words["by_class"]["NoSuchOption"].format(option=getattr(exc, "option_name", ""))
                + _did_you_mean(message, getattr(exc, "possibilities", None)))
    if "MissingParameter" in classes:
        is_option = type(getattr(exc, "param", None)).__name__.endswith("Option")
        return words["by_class"]["MissingParameter"].format(
            kind=words["kinds"]["option" if is_option else "argument"], name=_param_name(exc))
    if "BadParameter" in classes:
        why = _by_pattern(message, words["why"]) or words["why_unknown"]
        return words["by_class"]["BadParameter"].format(name=_param_name(exc), why=why)
    said = _by_pattern(message, words["patterns"])
    if said is not None:
        return said + (_did_you_mean(message, None) if "No such command" in message else "")
    return words["other"]


def say_in_arabic(exc: BaseException) -> None:
    """Make `exc` word itself in Arabic wherever it is printed (typer's panel or a plain echo)."""
    text = arabic_message(exc)
    exc.format_message = lambda: text  # type: ignore[attr-defined]
