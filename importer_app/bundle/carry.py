"""What a bound document keeps: its bookmarks, its internal links, its layers, its filled forms.

Named destinations are resolved to explicit ones on the copied pages, because the names of
hundreds of documents would collide in one name tree; a bookmark or link that leads to no
copied page is dropped. Form fields are flattened: the reviewer must see what was filled in,
and fields of different documents with the same name would share one value in the bundle.
Optional content (layers) keeps its default visibility, without which a viewer would show
what the document hid.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from pikepdf.models.outlines import Outline, OutlineItem, OutlineStructureError

MAX_DEPTH = 32
ObjGen = tuple[int, int]


def carry_outline(src: pikepdf.Pdf, pages: Mapping[ObjGen, Dictionary]) -> tuple[OutlineItem, ...]:
    """``src``'s bookmarks that lead to copied pages, retargeted to the copies.

    Args:
        src: the document as it was read.
        pages: the copy in the bundle of each of its pages, by the source page's objgen.
    """
    if not isinstance(src.Root.get(Name.Outlines), Dictionary):
        return ()
    try:
        items = Outline(src, max_depth=MAX_DEPTH).root
    except (OutlineStructureError, AttributeError, TypeError, ValueError, RecursionError):
        return ()  # an outline too damaged to read stays behind; the pages do not
    return tuple(_carry(src, items, pages, depth=0))


def _carry(src: pikepdf.Pdf, items: Sequence[OutlineItem], pages: Mapping[ObjGen, Dictionary],
           depth: int) -> list[OutlineItem]:
    carried = []
    for item in items:
        children = _carry(src, item.children, pages, depth + 1) if depth < MAX_DEPTH else []
        target = item.destination
        if target is None and isinstance(item.action, Dictionary) and item.action.get(Name.S) == Name.GoTo:
            target = item.action.get(Name.D)
        destination = retarget(src, target, pages)
        if destination is None and not children:
            continue
        new = OutlineItem(item.title, destination)
        new.children = children
        new.is_closed = True
        carried.append(new)
    return carried


def retarget(src: pikepdf.Pdf, target: object, pages: Mapping[ObjGen, Dictionary]) -> Array | None:
    """An explicit destination on a copied page for a source destination (explicit or named)."""
    if isinstance(target, (String, Name)):
        target = _named(src, target)
    if not isinstance(target, Array) or len(target) == 0:
        return None
    page = target[0]
    if not isinstance(page, Dictionary) or not page.is_indirect or page.objgen not in pages:
        return None
    # The rest are the view (/XYZ left top zoom, /Fit, ...): plain numbers and names.
    view = [target[i] for i in range(1, len(target))]
    if any(isinstance(value, pikepdf.Object) and value.is_indirect for value in view):
        view = [Name.Fit]
    return Array([pages[page.objgen], *view])


def relink(src: pikepdf.Pdf, copies: Sequence[Dictionary], pages: Mapping[ObjGen, Dictionary]) -> None:
    """Point the copied pages' internal links at the copied pages.

    Explicit destinations were copied with the pages and already lead to the copies. Links
    by name are made explicit; links to anything but a copied page are removed, so nothing in
    the bundle leads to a page of another exhibit by accident.
    """
    copied = {page.objgen for page in copies}
    for page in copies:
        annotations = page.get(Name.Annots)
        if not isinstance(annotations, Array):
            continue
        for annotation in annotations:
            if not isinstance(annotation, Dictionary) or annotation.get(Name.Subtype) != Name.Link:
                continue
            action = annotation.get(Name.A)
            if Name.Dest in annotation:
                owner, key = annotation, Name.Dest
            elif isinstance(action, Dictionary) and action.get(Name.S) == Name.GoTo and Name.D in action:
                owner, key = action, Name.D
            else:
                continue
            destination = _copied_destination(src, owner[key], pages, copied)
            if destination is not None:
                owner[key] = destination
            elif owner is annotation:
                del annotation[Name.Dest]
            else:
                del annotation[Name.A]


def _copied_destination(src: pikepdf.Pdf, target: object, pages: Mapping[ObjGen, Dictionary],
                        copied: set[ObjGen]) -> Array | None:
    if isinstance(target, (String, Name)):
        return retarget(src, target, pages)
    if isinstance(target, Array) and len(target) > 0:
        page = target[0]
        if isinstance(page, Dictionary) and page.is_indirect and page.objgen in copied:
            return target
    return None


def _named(src: pikepdf.Pdf, name: String | Name) -> object:
    """The destination a name stands for in ``src`` (name tree, then the old /Dests dictionary)."""
    if isinstance(name, String):
        names = src.Root.get(Name.Names)
        tree = names.get(Name.Dests) if isinstance(names, Dictionary) else None
        if not isinstance(tree, Dictionary):
            return None
        try:
            found = pikepdf.NameTree(tree).get(str(name))
        except (pikepdf.PdfError, ValueError, TypeError, RecursionError):
            return None
    else:
        dests = src.Root.get(Name.Dests)
        found = dests.get(name) if isinstance(dests, Dictionary) else None
    # A named destination may be the array itself or a dictionary holding it under /D.
    return found.get(Name.D) if isinstance(found, Dictionary) else found


def flatten_forms(src: pikepdf.Pdf) -> None:
    """Burn filled form fields (and other printing annotations) into the page content of ``src``."""
    acroform = src.Root.get(Name.AcroForm)
    if not isinstance(acroform, Dictionary) or not any(_has_widget(page.obj) for page in src.pages):
        return
    src.generate_appearance_streams()
    # qpdf drops the form once no field is left on a page; a field that stays (hidden, not
    # printing) is inert without it.
    src.flatten_annotations(mode="print")
    if Name.AcroForm in src.Root:
        del src.Root[Name.AcroForm]


def _has_widget(page: Dictionary) -> bool:
    annotations = page.get(Name.Annots)
    return isinstance(annotations, Array) and any(
        isinstance(annotation, Dictionary) and annotation.get(Name.Subtype) == Name.Widget
        for annotation in annotations)


def carry_layers(src: pikepdf.Pdf, dest: pikepdf.Pdf) -> None:
    """Add ``src``'s optional content groups to ``dest``, hidden ones still hidden by default."""
    properties = src.Root.get(Name.OCProperties)
    if not isinstance(properties, Dictionary) or not isinstance(properties.get(Name.OCGs), Array):
        return
    default = properties.get(Name.D)
    hidden = default.get(Name.OFF) if isinstance(default, Dictionary) else None
    target = dest.Root.get(Name.OCProperties)
    if not isinstance(target, Dictionary):
        target = dest.Root.OCProperties = Dictionary(OCGs=Array(), D=Dictionary(OFF=Array()))
    for group in properties.OCGs:
        if isinstance(group, Dictionary) and group.is_indirect:
            target.OCGs.append(dest.copy_foreign(group))
    if isinstance(hidden, Array):
        for group in hidden:
            if isinstance(group, Dictionary) and group.is_indirect:
                target.D.OFF.append(dest.copy_foreign(group))
