"""The base of every Telegent model: attribute access, repr, equality, to_dict/from_dict.

Models are plain slotted objects built from the core's already-normalised JSON. `from_dict`
reads wire names (any letter case), keeps what it does not know in `extra`, and `to_dict` writes
the wire names back, so `Model.from_dict(d).to_dict() == d` for everything the SDK returns. A known
field that is null is that field, absent (`None`), as in the core: its wire name is kept in
`nulls` so that `to_dict` writes it back as null.
Secret fields (secrets, passwords, tokens, PINs) never appear in `repr`, whether the model knows
them or they arrived among the unknown fields in `extra`.
"""

from __future__ import annotations

from collections.abc import Mapping  # not typing.Mapping: isinstance against it is several times slower
from typing import TYPE_CHECKING, Any, ClassVar, Dict, FrozenSet, List, Optional, Tuple, TypeVar

if TYPE_CHECKING:
    from datetime import datetime

M = TypeVar("M", bound="Model")

_REGISTRY: Dict[str, "type[Model]"] = {}


def _is_sensitive(wire: str) -> bool:
    """The core's rule (`core/src/sensitive.rs`) for names whose values are never shown."""
    w = wire.lower()
    return "secret" in w or "password" in w or w.endswith("token") or w.endswith("pin")


def _redacted(value: Any) -> Any:
    """`value` with the values of secret-named keys replaced, at any depth, for `repr`."""
    if isinstance(value, Mapping):
        return {k: "[redacted]" if isinstance(k, str) and _is_sensitive(k) else _redacted(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_redacted(v) for v in value]
    return value


def _to_wire(value: Any) -> Any:
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_to_wire(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _to_wire(v) for k, v in value.items()}
    return value


def _from_wire(converter: Any, value: Any) -> Any:
    if converter is None or value is None:
        return value
    if isinstance(converter, list):
        if isinstance(value, list):
            return [_from_wire(converter[0], v) for v in value]
        return value
    cls = _REGISTRY[converter]
    if isinstance(value, Mapping):
        return cls.from_dict(value)
    return value


class Model:
    """A Telegent object. Fields are attributes (None when absent); `extra` keeps unknown fields."""

    __slots__ = ("_extra", "_nulls")
    _extra: Dict[str, Any]
    _nulls: FrozenSet[str]
    _fields: ClassVar[Tuple[Tuple[str, str, Any, bool], ...]] = ()

    def __init__(self, **fields: Any) -> None:
        extra = fields.pop("extra", None)
        for attr, _wire, _conv, _secret in self._fields:
            object.__setattr__(self, attr, fields.pop(attr, None))
        if fields:
            name = next(iter(fields))
            raise TypeError(f"{type(self).__name__} has no field {name!r}")
        object.__setattr__(self, "_extra", dict(extra) if extra else {})
        object.__setattr__(self, "_nulls", frozenset())

    @property
    def extra(self) -> Dict[str, Any]:
        """Fields this SDK version does not model, exactly as received."""
        return self._extra

    @property
    def nulls(self) -> FrozenSet[str]:
        """Wire names of the known fields that arrived as null (their attributes are None)."""
        return self._nulls

    @classmethod
    def from_dict(cls: type[M], data: Mapping[str, Any]) -> M:
        """Builds the model from wire names (as the API and `to_dict` spell them)."""
        if not isinstance(data, Mapping):
            raise TypeError(f"{cls.__name__}.from_dict needs a mapping, not {type(data).__name__}")
        self = cls.__new__(cls)
        by_wire = cls._by_wire()
        extra: Dict[str, Any] = {}
        nulls: List[str] = []
        for attr, _wire, _conv, _secret in cls._fields:
            object.__setattr__(self, attr, None)
        for key, value in data.items():
            if not isinstance(key, str):
                raise TypeError(f"{cls.__name__}.from_dict needs text keys (wire names), not {type(key).__name__} {key!r}")
            spec = by_wire.get(key) or by_wire.get(key.lower())
            if spec is None or getattr(self, spec[0]) is not None or spec[2] in nulls:
                # Unknown, or a second spelling of a field already read: kept as it came.
                extra[key] = value
            elif value is None:
                # A known field that is null is that field, absent; to_dict writes the null back.
                nulls.append(spec[2])
            else:
                object.__setattr__(self, spec[0], _from_wire(spec[1], value))
        object.__setattr__(self, "_extra", extra)
        object.__setattr__(self, "_nulls", frozenset(nulls))
        return self

    @classmethod
    def _by_wire(cls) -> Dict[str, Tuple[str, Any, str]]:
        cached = cls.__dict__.get("_wire_index")
        if cached is None:
            cached = {}
            for attr, wire, conv, _secret in cls._fields:
                cached[wire] = (attr, conv, wire)
                cached.setdefault(wire.lower(), (attr, conv, wire))
            setattr(cls, "_wire_index", cached)
        return cached

    def to_dict(self) -> Dict[str, Any]:
        """The model in wire names, as the API would send it (unset fields left out)."""
        out: Dict[str, Any] = {}
        for attr, wire, _conv, _secret in self._fields:
            value = getattr(self, attr)
            if value is not None:
                out[wire] = _to_wire(value)
            elif wire in self._nulls:
                out[wire] = None
        for key, value in self._extra.items():
            if key not in out:
                out[key] = value
        return out

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        parts = []
        for attr, _wire, _conv, secret in self._fields:
            value = getattr(self, attr)
            if value is not None:
                parts.append(f"{attr}={'[redacted]' if secret else repr(value)}")
        if self._extra:
            parts.append(f"extra={_redacted(self._extra)!r}")
        return f"{type(self).__name__}({', '.join(parts)})"

    @staticmethod
    def _register(namespace: Mapping[str, Any]) -> None:
        for name, value in namespace.items():
            if isinstance(value, type) and issubclass(value, Model) and value is not Model:
                _REGISTRY[name] = value


class TokenExpiry:
    """`Token.expires_at`: the token's expiry as a timezone-aware UTC `datetime`."""

    __slots__ = ()
    token_expiry: Optional[str]

    @property
    def expires_at(self) -> Optional["datetime"]:
        """When the token expires, in UTC, read from `token_expiry` (`05/02/2025 06:36:13 PM`, the
        API's text, which is UTC; ISO 8601 is read too). None when absent or unreadable."""
        from datetime import datetime, timezone  # not at `import telegent`: most users never need it

        text = (self.token_expiry or "").strip()
        if not text:
            return None
        try:
            return datetime.strptime(text, "%m/%d/%Y %I:%M:%S %p").replace(tzinfo=timezone.utc)
        except ValueError:
            pass
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed.replace(tzinfo=timezone.utc) if parsed.tzinfo is None else parsed.astimezone(timezone.utc)
