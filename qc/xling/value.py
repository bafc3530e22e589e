"""The base of the cross-lingual checks' small value classes (``Link``, ``Quantity``,
``NameMention``, ``NameMatch``): equal, hashed and printed by the fields a subclass names.

They are plain classes with ``__slots__`` rather than frozen dataclasses: compiled by mypyc, a
dataclass's constructor is Python code (a frozen one sets each field through
``object.__setattr__``), and every sentence of every document makes several of these. Equality,
hashing and printing are rare (tests, reports), so they read the fields by name.

    >>> class Pair(Value):
    ...     __slots__ = ("a", "b")
    ...     FIELDS = ("a", "b")
    ...     def __init__(self, a: int, b: int) -> None:
    ...         self.a, self.b = a, b
    >>> Pair(1, 2) == Pair(1, 2), Pair(1, 2) == Pair(2, 1), Pair(1, 2)
    (True, False, Pair(a=1, b=2))
"""

from __future__ import annotations

from typing import ClassVar


class Value:
    __slots__ = ()
    #: the fields that make the value, in the order the constructor takes them
    FIELDS: ClassVar[tuple[str, ...]] = ()

    def _fields(self) -> tuple[object, ...]:
        return tuple([getattr(self, name) for name in self.FIELDS])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Value) and type(other) is type(self) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        pairs = zip(self.FIELDS, self._fields(), strict=True)
        return f"{type(self).__name__}({', '.join([f'{name}={value!r}' for name, value in pairs])})"
