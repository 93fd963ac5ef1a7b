"""A process drawn as an SVG diagram, on the server: no JavaScript, no library.

Steps are boxes from top to bottom in position order. A forward or approve
to the next step is a straight arrow between the boxes; every other move
(a return, a jump) runs in its own lane on the left, dashed for returns.
Supplement, refusal, liên thông and the end are round badges beside the
box, explained by the legend under the diagram.
Every text is escaped: names come from administrators.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egov.onestop.procedures.models import Process, ProcessStep, StepAction, StepTransition
from egov.onestop.procedures.processes import MOVING_ACTIONS, day_hours, format_hours

# Narrow enough to stay legible on a phone (about 400 units wide in all).
BOX_W = 290
GAP = 44
TOP = 12
LANE = 14
BADGE = 24
PAD = 12
NAME_LINE = 20
INFO_LINE = 18
COLOURS = {
    StepAction.FORWARD: "#1b1f24",
    StepAction.APPROVE: "#1e7b34",
    StepAction.RETURN: "#b3261e",
}
# Badge icon, colour and meaning (translated when drawn).
MARKERS = {
    "external": ("⇄", "#1f5fa8", gettext_lazy("Liên thông")),
    "supplement": ("⟲", "#a15c00", gettext_lazy("Yêu cầu bổ sung")),
    "refuse": ("✕", "#8a1c14", gettext_lazy("Từ chối")),
    "final": ("✔", "#1e7b34", gettext_lazy("Kết thúc")),
}
FILL = "#ffffff"
FINAL_FILL = "#e8f5ec"
EXTERNAL_FILL = "#eaf1fb"


@dataclass
class _Box:
    step: ProcessStep
    y: int = 0
    lines: list[tuple[str, str]] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    ports: int = 0

    @property
    def height(self) -> int:
        names = sum(1 for _text, kind in self.lines if kind == "name")
        text = PAD * 2 + names * NAME_LINE + (len(self.lines) - names) * INFO_LINE
        return max(text, len(self.markers) * (BADGE + 4) + 8)


def allowance_text(hours: Decimal) -> str:
    """ "0,5 ngày (3,75 giờ)" for whole or half days, otherwise "14,25 giờ"."""
    text = format_hours(hours).replace(".", ",")
    days = hours / day_hours()
    if hours > 0 and days * 2 == int(days * 2):
        return _("%(days)s ngày (%(hours)s giờ)") % {
            "days": format_hours(days).replace(".", ","),
            "hours": text,
        }
    return _("%(hours)s giờ") % {"hours": text}


def _steps(process: Process) -> list[ProcessStep]:
    transitions = Prefetch("transitions", queryset=StepTransition.objects.order_by("pk"))
    return list(
        process.steps.select_related("unit", "external_agency")
        .prefetch_related(transitions)
        .order_by("position")
    )


def _box(step: ProcessStep, transitions: list[StepTransition]) -> _Box:
    box = _Box(step)
    for text in textwrap.wrap(f"{step.position}. {step.name}", 30) or [""]:
        box.lines.append((text, "name"))
    unit = step.unit.name if step.unit else _("Trung tâm đã tiếp nhận hồ sơ")
    for text in textwrap.wrap(_("Đơn vị: %(unit)s") % {"unit": unit}, 40):
        box.lines.append((text, "info"))
    box.lines.append((_("Vai trò: %(role)s") % {"role": step.get_role_display()}, "info"))
    time = allowance_text(step.allowance_hours)
    box.lines.append((_("Thời gian: %(time)s") % {"time": time}, "info"))
    if step.external_agency is not None:
        text = _("Liên thông tới: %(agency)s") % {"agency": step.external_agency.name}
        box.lines += [(line, "external") for line in textwrap.wrap(text, 40)]
        box.markers.append("external")
    actions = {t.action for t in transitions}
    if StepAction.SUPPLEMENT in actions:
        box.markers.append("supplement")
    if StepAction.REFUSE in actions:
        box.markers.append("refuse")
    if step.is_final:
        box.markers.append("final")
    return box


def render_process_svg(process: Process) -> SafeString:
    steps = _steps(process)
    moves = {step.pk: list(step.transitions.all()) for step in steps}
    return render_steps_svg(process.name, f"pd{process.pk}", steps, moves)


def render_steps_svg(
    name: str, uid: str, steps: list[ProcessStep], moves: dict[int, list[StepTransition]]
) -> SafeString:
    """The diagram of `steps`, saved or not: `moves` holds each step's transitions by pk.

    The process editor draws a definition that is not saved yet with it.
    """
    boxes = [_box(step, moves.get(step.pk, [])) for step in steps]
    by_pk = {box.step.pk: box for box in boxes}
    straight, lanes = _moves(boxes, by_pk, moves)
    left = 16 + LANE * len(lanes)
    height = _stack(boxes)
    used = [key for key in MARKERS if any(key in box.markers for box in boxes)]
    height += 22 if used else 0
    width = left + BOX_W + 8 + BADGE + 4
    out = _opening(name, uid, width, height)
    for box in boxes:
        out += _draw_box(box, left)
    out += _draw_straight(uid, left + BOX_W // 2, by_pk, straight)
    for index, (source, target, t) in enumerate(lanes):
        out.append(_draw_lane(uid, left, left - LANE * (index + 1), source, target, t))
    out += _legend(uid, height - (42 if used else 20), used)
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped


_Straight = dict[tuple[int, int], list[StepTransition]]
_Lanes = list[tuple[_Box, _Box, StepTransition]]


def _moves(
    boxes: list[_Box], by_pk: dict[int, _Box], moves: dict[int, list[StepTransition]]
) -> tuple[_Straight, _Lanes]:
    """The moves between steps: straight on to the next step (by pair), or in a lane."""
    straight: _Straight = {}
    lanes: _Lanes = []
    for box in boxes:
        for t in moves.get(box.step.pk, []):
            if t.action not in MOVING_ACTIONS or t.target_id not in by_pk:
                continue
            target = by_pk[t.target_id]
            if t.action != StepAction.RETURN and target.step.position == box.step.position + 1:
                straight.setdefault((box.step.pk, target.step.pk), []).append(t)
            else:
                lanes.append((box, target, t))
    return straight, lanes


def _stack(boxes: list[_Box]) -> int:
    """Place the boxes from top to bottom; the height they and the legend's first row take."""
    y = TOP
    for box in boxes:
        box.y = y
        y += box.height + GAP
    return y - GAP + 40


def _opening(name: str, uid: str, width: int, height: int) -> list[str]:
    """The <svg> element's opening, its title and the arrowheads of each colour."""
    # Outside the f-string: xgettext (makemessages) does not look inside one.
    title = _("Sơ đồ quy trình: %(name)s") % {"name": name}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="process-diagram" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{uid}-t" font-family="system-ui, \'Noto Sans\', sans-serif">',
        f'<title id="{uid}-t">{escape(title)}</title>',
        "<defs>",
    ]
    for action, colour in COLOURS.items():
        out.append(
            f'<marker id="{uid}-{action}" viewBox="0 0 10 10" refX="9" refY="5" '
            f'markerWidth="5" markerHeight="5" orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        )
    out.append("</defs>")
    return out


def _draw_straight(uid: str, centre: int, by_pk: dict[int, _Box], straight: _Straight) -> list[str]:
    """An arrow down to the next step, labelled with the moves it stands for."""
    out = []
    for (source_pk, target_pk), moves in straight.items():
        source, target = by_pk[source_pk], by_pk[target_pk]
        approves = any(t.action == StepAction.APPROVE for t in moves)
        action = StepAction.APPROVE if approves else StepAction.FORWARD
        top, bottom = source.y + source.height, target.y
        out.append(
            f'<line x1="{centre}" y1="{top}" x2="{centre}" y2="{bottom - 2}" '
            f'stroke="{COLOURS[action]}" stroke-width="2" marker-end="url(#{uid}-{action})"/>'
        )
        label = escape(", ".join(str(t.get_action_display()) for t in moves))
        out.append(
            f'<text x="{centre + 10}" y="{(top + bottom) // 2 + 5}" font-size="13" '
            f'fill="{COLOURS[action]}">{label}</text>'
        )
    return out


def _draw_box(box: _Box, left: int) -> list[str]:
    step = box.step
    fill = FINAL_FILL if step.is_final else EXTERNAL_FILL if step.external_agency else FILL
    stroke, width = ("#1e7b34", 3) if step.is_final else ("#5b6470", 1.5)
    out = [
        f'<g><rect x="{left}" y="{box.y}" width="{BOX_W}" height="{box.height}" rx="8" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>'
    ]
    y = box.y + PAD
    for text, kind in box.lines:
        size, weight, colour = {
            "name": (15, "700", "#1b1f24"),
            "info": (13, "400", "#3d4650"),
            "external": (13, "600", "#1f5fa8"),
        }[kind]
        y += NAME_LINE if kind == "name" else INFO_LINE
        out.append(
            f'<text x="{left + 12}" y="{y - 5}" font-size="{size}" font-weight="{weight}" '
            f'fill="{colour}">{escape(text)}</text>'
        )
    cx = left + BOX_W + 8 + BADGE // 2
    for index, key in enumerate(box.markers):
        icon, colour, label = MARKERS[key]
        cy = box.y + 4 + BADGE // 2 + index * (BADGE + 4)
        out.append(
            f'<g><title>{escape(str(label))}</title><circle cx="{cx}" cy="{cy}" r="{BADGE // 2}" '
            f'fill="#fff" stroke="{colour}" stroke-width="1.5"/><text x="{cx}" y="{cy + 5}" '
            f'font-size="14" font-weight="700" text-anchor="middle" fill="{colour}">{icon}'
            "</text></g>"
        )
    out.append("</g>")
    return out


def _port(box: _Box) -> int:
    # Lanes leave and enter a box at different heights so they stay apart.
    box.ports += 1
    return box.y + min(box.height - 6, 10 + 12 * box.ports)


def _draw_lane(uid: str, left: int, x: int, source: _Box, target: _Box, t: StepTransition) -> str:
    action = StepAction(t.action)
    colour = COLOURS.get(action, COLOURS[StepAction.FORWARD])
    dash = ' stroke-dasharray="6 4"' if action == StepAction.RETURN else ""
    start, end = _port(source), _port(target)
    title = escape(
        _("%(action)s: «%(source)s» → «%(target)s»")
        % {"action": t.get_action_display(), "source": source.step.name, "target": target.step.name}
    )
    return (
        f'<path d="M{left},{start} H{x} V{end} H{left - 2}" fill="none" stroke="{colour}" '
        f'stroke-width="2"{dash} marker-end="url(#{uid}-{action})"><title>{title}</title></path>'
    )


def _legend(uid: str, y: int, markers: list[str]) -> list[str]:
    out = []
    x = 4
    for action, dash, label in (
        (StepAction.FORWARD, "", _("Chuyển xử lý")),
        (StepAction.APPROVE, "", _("Phê duyệt")),
        (StepAction.RETURN, ' stroke-dasharray="6 4"', _("Trả lại")),
    ):
        colour = COLOURS[action]
        out.append(
            f'<line x1="{x}" y1="{y}" x2="{x + 26}" y2="{y}" stroke="{colour}" stroke-width="2"'
            f'{dash} marker-end="url(#{uid}-{action})"/><text x="{x + 32}" y="{y + 4}" '
            f'font-size="12" fill="#3d4650">{escape(label)}</text>'
        )
        x += 44 + 7 * len(label)
    x, y = 4, y + 22
    for key in markers:
        icon, colour, meaning = MARKERS[key]
        text = str(meaning)
        out.append(
            f'<text x="{x}" y="{y + 4}" font-size="12" fill="#3d4650"><tspan fill="{colour}" '
            f'font-weight="700">{icon}</tspan> {escape(text)}</text>'
        )
        x += 24 + 7 * len(text)
    return out
