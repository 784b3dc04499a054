"""The XMP metadata a viewer writes when it saves comments on a certified bundle.

Acrobat keeps the document's XMP metadata in step with its document information, and adds the
stream when the file has none, so a reviewer's save of comments can also point the catalog at
a new /Metadata stream. That alone must not read as a broken certification. What the stream may
say is narrow: the dates, tools and identifiers a save records (the xmp, xmpMM and pdf
namespaces, and dc:format), and the title, author, subject and keywords only as the document
information states them, since a viewer shows the XMP title in place of the file name. Any other
property, any other namespace, a document type declaration or XML that does not parse is not a
viewer's stamp, and the file is judged as before.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Final

from lxml import etree

RDF: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC: Final = "http://purl.org/dc/elements/1.1/"
PDF: Final = "http://ns.adobe.com/pdf/1.3/"

STAMP_NAMESPACES: Final = frozenset({
    "http://ns.adobe.com/xap/1.0/",  # xmp: CreateDate, ModifyDate, MetadataDate, CreatorTool
    "http://ns.adobe.com/xap/1.0/mm/",  # xmpMM: DocumentID, InstanceID, History
    "http://ns.adobe.com/xap/1.0/sType/ResourceEvent#",  # stEvt: the entries of xmpMM:History
    "http://ns.adobe.com/xap/1.0/sType/ResourceRef#",  # stRef: xmpMM:DerivedFrom
})
"""Namespaces whose properties record a save, never what the document is."""

DESCRIPTIVE: Final = {
    f"{{{DC}}}title": "/Title",
    f"{{{DC}}}creator": "/Author",
    f"{{{DC}}}description": "/Subject",
    f"{{{DC}}}subject": "/Keywords",
    f"{{{PDF}}}Keywords": "/Keywords",
}
"""The properties a viewer shows as what the document is, with the document information entry
each must repeat."""

ALSO_ALLOWED: Final = frozenset({f"{{{DC}}}format", f"{{{PDF}}}Producer", f"{{{PDF}}}PDFVersion",
                                 f"{{{PDF}}}Trapped"})

_PARSER: Final = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_RDF_SYNTAX: Final = frozenset({f"{{{RDF}}}about", f"{{{RDF}}}parseType"})


def viewer_metadata(xml: bytes, info: Mapping[str, str]) -> bool:
    """Whether ``xml`` is XMP metadata a viewer wrote on save: only stamps of the save, and the
    descriptive properties exactly as the document information ``info`` gives them."""
    try:
        root = etree.fromstring(xml.strip(), _PARSER)
    except etree.XMLSyntaxError:
        return False
    if root.getroottree().docinfo.doctype:
        return False
    graphs = [root] if root.tag == f"{{{RDF}}}RDF" else list(root.iter(f"{{{RDF}}}RDF"))
    if len(graphs) != 1 or any(node.tag != f"{{{RDF}}}Description" for node in graphs[0]
                               if isinstance(node.tag, str)):
        return False
    descriptions = root.iter(f"{{{RDF}}}Description")
    return all(_allowed(name, values, info) for name, values in _properties(descriptions))


def _properties(descriptions: Iterator[etree._Element]) -> Iterator[tuple[str, list[str]]]:
    """Each property of the descriptions, written as an attribute or as an element, with its
    text values (the items of an rdf:Alt, rdf:Seq or rdf:Bag)."""
    for description in descriptions:
        for name, text in description.attrib.items():
            if name not in _RDF_SYNTAX:
                yield name, [text]
        for element in description:
            if isinstance(element.tag, str):
                items = [item.text or "" for item in element.iter(f"{{{RDF}}}li")]
                yield element.tag, items if items else [element.text or ""]


def _allowed(name: str, values: list[str], info: Mapping[str, str]) -> bool:
    namespace = name[1:].split("}", 1)[0] if name.startswith("{") else ""
    if namespace in STAMP_NAMESPACES or name in ALSO_ALLOWED:
        return True
    entry = DESCRIPTIVE.get(name)
    if entry is None:
        return False
    stated = info.get(entry, "").strip()
    values = [value.strip() for value in values if value.strip()]
    if not values:
        return not stated
    # An rdf:Alt repeats the value per language; an rdf:Seq or rdf:Bag splits a list.
    return set(values) == {stated} or stated in ("; ".join(values), ", ".join(values))
