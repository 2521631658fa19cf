"""NamedTuple for senco's own record classes: the same classes as typing.NamedTuple's, made
for less at start-up.

typing.NamedTuple checks each field's annotation as the class is defined; under postponed
annotations (every module here) the annotation is text, which it compiles into a forward
reference, field by field: about a tenth of a millisecond a class, some 7 ms of
`senco check`'s start. Nothing reads those forward references: rules/declared.py and the
profile's schema read the annotations as written. This builds the class with
collections.namedtuple (as typing.NamedTuple does) from the class body's fields, defaults,
methods and docstring, and keeps the annotations as they are written. Type checkers see
typing.NamedTuple itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    from collections import namedtuple

    # As typing.NamedTuple: what a class body may not set, and what it sets that is not copied.
    _PROHIBITED = frozenset(
        {
            "__new__",
            "__init__",
            "__slots__",
            "__getnewargs__",
            "_fields",
            "_field_defaults",
            "_make",
            "_replace",
            "_asdict",
            "_source",
        }
    )
    _SPECIAL = frozenset(
        {
            "__module__",
            "__name__",
            "__annotations__",
            "__annotate__",
            "__annotate_func__",
            "__annotations_cache__",
        }
    )

    def _made_on_demand(namespace):
        """The annotations of a class body without postponed annotations on Python 3.14 and
        later, which makes them when asked (as typing.NamedTuple reads them there)."""
        try:
            import annotationlib
        except ImportError:  # before 3.14 a class body keeps them in __annotations__
            return {}
        annotate = annotationlib.get_annotate_from_class_namespace(namespace)
        if annotate is None:
            return {}
        return annotationlib.call_annotate_function(annotate, annotationlib.Format.FORWARDREF)

    class _Declared(type):
        """Turns `class Name(NamedTuple): field: type = default ...` into a named tuple."""

        def __new__(cls, typename, bases, namespace):
            if bases != (NamedTuple,):
                raise TypeError("a NamedTuple class inherits from NamedTuple alone")
            annotations = dict(namespace.get("__annotations__") or _made_on_demand(namespace))
            defaulted = [name for name in annotations if name in namespace]
            if defaulted != list(annotations)[len(annotations) - len(defaulted) :]:
                raise TypeError(f"{typename}: a field without a default follows one with a default")
            made = namedtuple(
                typename,
                list(annotations),
                defaults=[namespace[name] for name in defaulted],
                module=namespace["__module__"],
            )
            made.__annotations__ = made.__new__.__annotations__ = annotations
            for key, value in namespace.items():
                if key in _PROHIBITED:
                    raise AttributeError(f"Cannot overwrite NamedTuple attribute {key}")
                if key not in _SPECIAL and key not in made._fields:
                    setattr(made, key, value)
            return made

    NamedTuple = type.__new__(_Declared, "NamedTuple", (), {"__module__": __name__})
