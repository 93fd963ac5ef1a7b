"""The declaration (tờ khai) as a PDF, from the procedure's electronic form.

A procedure document marked `filled_by_eform` is the e-form itself: on an
online application the citizen fills in the form and the declaration is
printed from that data, so the same information is not asked for twice
(Decree 45/2020/NĐ-CP on administrative procedures online: the e-form
takes the place of the paper declaration).
The blank version, printed from the form's layout, is the template a
citizen who applies at the desk may download and fill in by hand.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.utils import timezone, translation

from egov.onestop.dossiers.printing.render import html_to_pdf
from egov.onestop.eforms.fields import FieldSpec, sections
from egov.onestop.eforms.models import FormDefinition
from egov.onestop.portal.online_form import answers
from egov.onestop.procedures.models import Procedure, ProcedureDocument
from egov.platform.organisation.models import Unit

# The name a generated declaration is stored and downloaded under.
GENERATED_NAME = "to-khai.pdf"


def generated_documents(
    documents: list[ProcedureDocument], definition: FormDefinition | None
) -> list[ProcedureDocument]:
    """The documents printed from the e-form, when the procedure has one."""
    if definition is None:
        return []
    return [d for d in documents if d.filled_by_eform]


def title_of(document: ProcedureDocument) -> str:
    """The form's heading: the document's name without the note in brackets."""
    return re.sub(r"\s*\(.*\)\s*$", "", document.name).strip() or document.name


@dataclass(frozen=True)
class BlankField:
    label: str
    required: bool
    options: list[str]
    # A box to tick (a pledge), or a line to write on.
    tick: bool
    tall: bool


# More choices than this (the 54 ethnic groups) get a line to write on.
MAX_BOXES = 8


def _blank_field(spec: FieldSpec) -> BlankField:
    options = [label for _value, label in spec.options]
    return BlankField(
        label=spec.label,
        required=spec.required,
        options=options if len(options) <= MAX_BOXES else [],
        tick=spec.json_type == "boolean",
        tall=spec.widget == "textarea",
    )


@dataclass(frozen=True)
class FilledLine:
    question: str
    answer: str
    # A pledge: printed as its sentence with a ticked box, not as "…: Có".
    pledge: bool
    ticked: bool


@dataclass(frozen=True)
class FilledGroup:
    title: str
    lines: list[FilledLine]


def _filled_groups(
    procedure: Procedure, definition: FormDefinition, data: Mapping[str, Any]
) -> list[FilledGroup]:
    """The answers under the form's sections, knowing which of them are pledges.

    `answers` gives the lines of each section in the order of its fields
    present in the data, and a last untitled group for data the form no
    longer has; the sections are walked the same way to pair each line with
    its field.
    """
    shown = answers(procedure, data)
    present = [
        [f for f in section.fields if f.name in data]
        for section in sections(definition.schema, definition.layout)
    ]
    present = [fields for fields in present if fields]
    groups: list[FilledGroup] = []
    for index, group in enumerate(shown):
        fields = present[index] if index < len(present) else []
        lines = []
        for number, (question, answer) in enumerate(group.lines):
            spec = fields[number] if number < len(fields) else None
            pledge = spec is not None and spec.json_type == "boolean"
            ticked = spec is not None and pledge and data.get(spec.name) is True
            lines.append(FilledLine(question, answer, pledge=pledge, ticked=ticked))
        groups.append(FilledGroup(title=group.title, lines=lines))
    return groups


def _render(context: dict[str, Any]) -> bytes:
    with translation.override("vi"):
        html = render_to_string("portal/declaration_pdf.html", context)
    return html_to_pdf(html)


def declaration_pdf(
    *,
    procedure: Procedure,
    document: ProcedureDocument,
    definition: FormDefinition,
    data: Mapping[str, Any],
    applicant_name: str,
    agency: Unit,
) -> bytes:
    """The filled declaration: the form's answers under its sections, signed by the applicant."""
    now = timezone.localtime()
    return _render(
        {
            "blank": False,
            "title": title_of(document),
            "number": document.form_template,
            "procedure": procedure,
            "addressee": agency.name,
            "groups": _filled_groups(procedure, definition, data),
            "applicant_name": applicant_name,
            "day": f"{now:%d}",
            "month": f"{now:%m}",
            "year": f"{now:%Y}",
            "made_at": f"{now:%H:%M %d/%m/%Y}",
            "version": definition.version,
        }
    )


def blank_pdf(
    *, procedure: Procedure, document: ProcedureDocument, definition: FormDefinition
) -> bytes:
    """The empty form, from its layout, to print and fill in by hand."""
    groups = [
        (section.title, [_blank_field(f) for f in section.fields])
        for section in sections(definition.schema, definition.layout)
        if section.fields
    ]
    return _render(
        {
            "blank": True,
            "title": title_of(document),
            "number": document.form_template,
            "procedure": procedure,
            "blank_groups": groups,
            "version": definition.version,
        }
    )


def generated_scan(
    *,
    procedure: Procedure,
    document: ProcedureDocument,
    definition: FormDefinition,
    data: Mapping[str, Any],
    applicant_name: str,
    agency: Unit,
) -> SimpleUploadedFile:
    """The filled declaration as an upload, to register with the dossier."""
    pdf = declaration_pdf(
        procedure=procedure,
        document=document,
        definition=definition,
        data=data,
        applicant_name=applicant_name,
        agency=agency,
    )
    return SimpleUploadedFile(GENERATED_NAME, pdf, content_type="application/pdf")
