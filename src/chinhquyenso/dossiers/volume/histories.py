"""One synthetic dossier with a history the workflow table allows, its deadlines from the working calendar.

``DossierMaker.make`` decides what became of a dossier submitted at a given instant (still unchecked, received,
in processing, waiting, resolved, returned, refused …), then replays it action by action the way the services
do: the same fields change (``apply_receipt``, pauses, extensions, step pointer), the same deadline functions
run (``dossiers.deadlines``), and each action appends the event ``record_event`` would write. Nothing touches
the database: the output is plain rows for a bulk writer.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from chinhquyenso.core.models import Role
from chinhquyenso.dossiers.deadlines import (
    compute_due,
    restart_due,
    shift_plan,
    step_index_for,
    step_plan,
    transfer_due,
)
from chinhquyenso.dossiers.services.receipt import TRANSFER_CUTOFF
from chinhquyenso.dossiers.states import Channel, OwnerKind
from chinhquyenso.dossiers.states import DossierState as S
from chinhquyenso.dossiers.volume.people import PeopleFactory
from chinhquyenso.dossiers.workflow import RESUME, TRANSITIONS
from chinhquyenso.workcal.calendar import WorkingCalendar
from chinhquyenso.workcal.engine import (
    add_working_minutes,
    as_local,
    due_at,
    resume_after_pause,
    working_minutes_between,
)

DOSSIER_COLUMNS = (
    "id", "code", "agency_id", "unit_path", "procedure_version_id", "procedure_code", "procedure_name",
    "time_limit", "time_limit_unit", "same_day_cutoff", "supplement_rule", "channel", "delivery", "state",
    "resume_state", "version", "submitter_name", "submitter_id_number", "submitter_phone", "submitter_email",
    "submitter_address", "owner_name", "owner_id_number", "owner_address", "owner_kind", "summary", "sets",
    "citizen_id", "submitted_at", "received_at", "received_by_id", "due_at", "calendar_version",
    "transfer_due_at", "paused_at", "original_due_at", "extended_at", "assignee_id", "step_plan",
    "current_step", "decided_at", "returned_at", "closed_at", "result_summary", "notes", "updated_at",
)  # fmt: skip
EVENT_COLUMNS = (
    "dossier_id", "seq", "action", "from_state", "to_state", "actor_id", "actor_name", "agency_id",
    "occurred_at", "step_name", "step_due_at", "content", "data",
)  # fmt: skip
COMPONENT_COLUMNS = ("dossier_id", "position", "name", "form", "quantity", "required", "provided")

REFUSE_REASONS = [
    "Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan",
    "Người yêu cầu không đủ điều kiện theo quy định",
    "Giấy tờ trong hồ sơ có dấu hiệu tẩy xóa, sửa chữa",
    "Thông tin kê khai không khớp với Cơ sở dữ liệu quốc gia về dân cư",
]
WITHDRAW_REASONS = [
    "Người nộp hồ sơ có đơn xin rút hồ sơ",
    "Công dân đề nghị rút hồ sơ để bổ sung giấy tờ khác",
    "Công dân không còn nhu cầu giải quyết",
]
STOP_REASONS = [
    "Quá thời hạn bổ sung hồ sơ mà công dân không bổ sung",
    "Có tranh chấp, khiếu nại liên quan đến nội dung hồ sơ",
    "Theo đề nghị của cơ quan có thẩm quyền",
]
SUPPLEMENT_REASONS = [
    "Hồ sơ chưa đầy đủ thành phần theo quy định",
    "Thông tin trên tờ khai chưa chính xác",
    "Giấy tờ nộp là bản chụp, chưa có bản chính để đối chiếu",
]
SUPPLEMENT_EXTRA = ["Tờ khai ghi sai ngày tháng năm sinh, đề nghị khai lại", "Thiếu chữ ký của người yêu cầu"]
CONSULT_CONTENT = [
    "Đề nghị xác minh thông tin nơi cư trú của người yêu cầu",
    "Xin ý kiến về tình trạng pháp lý của giấy tờ kèm theo",
    "Đề nghị cung cấp thông tin hộ tịch liên quan",
]
ANSWERS = ["Đã nhận văn bản trả lời, thông tin phù hợp", "Đơn vị được xin ý kiến thống nhất", "Đã có kết quả xác minh"]
TRANSFER_CONTENT = [
    "Chuyển hồ sơ liên thông để giải quyết phần việc thuộc thẩm quyền",
    "Chuyển cơ quan có thẩm quyền thẩm định",
]
TAKE_BACK_CONTENT = ["Đã nhận lại hồ sơ từ cơ quan phối hợp", "Cơ quan phối hợp đã hoàn thành phần việc"]
EXTEND_REASONS = [
    "Cần thêm thời gian xác minh thông tin",
    "Chờ ý kiến của cơ quan phối hợp",
    "Hồ sơ phức tạp, cần kiểm tra thực tế",
]

# What became of a dossier received and still within its time limit, and of one whose due time has passed.
RECENT_OUTCOMES = {
    S.RECEIVED: 14, S.PROCESSING: 30, S.WAITING_SUPPLEMENT: 6, S.WAITING_PAYMENT: 3, S.CONSULTING: 4,
    S.INTER_AGENCY: 3, S.RESOLVED: 14, S.RETURNED: 20, S.REFUSED: 3, S.WITHDRAWN: 2, S.STOPPED: 1,
}  # fmt: skip
PAST_DUE_OUTCOMES = {
    S.RETURNED: 905, S.RESOLVED: 20, S.REFUSED: 25, S.WITHDRAWN: 15, S.STOPPED: 5,
    # still open long after the due time: the late ones
    S.PROCESSING: 14, S.RECEIVED: 4, S.WAITING_SUPPLEMENT: 4, S.CONSULTING: 3, S.INTER_AGENCY: 3,
    S.WAITING_PAYMENT: 2,
}  # fmt: skip
LATE_DECISION = 0.06  # share of finished dossiers decided after the due time
MINUTES_PER_DAY = 480


@dataclass
class ProcedureInfo:
    version_id: int
    code: str
    name: str
    time_limit: Decimal
    time_limit_unit: str
    same_day_cutoff: time | None
    supplement_rule: str
    result: str
    steps: list  # ProcedureStep rows (name, role, budget)
    components: list[tuple[int, str, str, int, bool]]  # position, name, form, quantity, required
    fee_vnd: int

    @property
    def required_positions(self) -> set[int]:
        return {c[0] for c in self.components if c[4]}


@dataclass
class AgencyInfo:
    id: int
    identifier: str
    name: str
    unit_path: str
    calendar: WorkingCalendar
    # role -> [(user id or None, name)]: demo accounts where they exist, invented officers elsewhere
    staff: dict[str, list[tuple[int | None, str]]] = field(default_factory=dict)
    level: str = "commune"  # which procedures it handles (catalog ProcedureLevel)
    valid_from: date | None = None
    valid_to: date | None = None
    weight: float = 1.0  # relative daily volume


class _Story:
    """The dossier being replayed: its fields as the services would leave them, and its events so far."""

    def __init__(self, maker: DossierMaker, dossier_id: int, agency: AgencyInfo, proc: ProcedureInfo):
        self.maker, self.agency, self.proc, self.id = maker, agency, proc, dossier_id
        self.f: dict = {}
        self.state = S.SUBMITTED
        self.plan: list[dict] = []
        self.current_step = 0
        self.events: list[tuple] = []

    def event(self, action: str, from_state: str, at: datetime, actor, content: str = "", data: dict | None = None):
        plan, step = self.plan, self.current_step
        in_plan = step < len(plan)
        self.events.append(
            (
                self.id,
                len(self.events) + 1,
                action,
                from_state,
                self.state,
                actor[0],
                actor[1],
                self.agency.id,
                at,
                plan[step]["name"] if in_plan else "",
                datetime.fromisoformat(plan[step]["due_at"]) if in_plan else None,
                content,
                json.dumps(data or {}, ensure_ascii=False),
            )
        )

    def go(self, action: str, at: datetime, actor, content: str = "", data: dict | None = None) -> None:
        """Moves along the transition table (the same check ``dossier_act`` makes) and records the event."""
        transition = TRANSITIONS[action]
        if self.state not in transition.sources:
            raise AssertionError(f"{action} does not apply in {self.state}")  # a bug in the stories below
        before = self.state
        if transition.target == RESUME:
            self.state, self.f["resume_state"] = self.f["resume_state"], ""
        elif transition.target is not None:
            self.state = transition.target
        self.event(action, before, at, actor, content, data)

    # The effects of each action, as in services/receipt.py and services/transitions.py.
    def receive(self, at: datetime, actor) -> None:
        proc, cal, f = self.proc, self.agency.calendar, self.f
        due = compute_due(cal, proc, at)
        f["received_at"], f["received_by_id"], f["due_at"] = at, actor[0], due
        f["calendar_version"] = cal.version
        self.plan = step_plan(cal, proc.steps, at, due)
        self.current_step = 1 if len(self.plan) > 1 else 0
        if f["channel"] != Channel.ONLINE:
            f["transfer_due_at"] = transfer_due(cal, at, TRANSFER_CUTOFF)

    def pause(self, at: datetime) -> None:
        self.f["paused_at"] = at
        self.f["resume_state"] = self.state

    def resume(self, at: datetime, *, restart: bool) -> dict:
        f, cal = self.f, self.agency.calendar
        if f["resume_state"] == S.SUBMITTED or f["due_at"] is None:
            f["paused_at"] = None
            return {}
        old = f["due_at"]
        if restart:
            f["due_at"] = restart_due(cal, self.proc, at)
            self.plan = step_plan(cal, self.proc.steps, at, f["due_at"])
        else:
            f["due_at"] = resume_after_pause(cal, old, f["paused_at"], at)
            self.plan = shift_plan(cal, self.plan, f["paused_at"], at)
        data = {
            "paused_at": f["paused_at"].isoformat(),
            "old_due": as_local(old).isoformat(),
            "new_due": as_local(f["due_at"]).isoformat(),
            "restarted": restart,
        }
        f["paused_at"] = None
        return data

    def close(self, action: str, at: datetime, actor, reason: str) -> None:
        self.f["closed_at"], self.f["paused_at"] = at, None
        self.go(action, at, actor, reason, {"reason": reason})


class DossierMaker:
    """Makes dossiers one at a time; all randomness comes from ``rng``, all times stay at or before ``now``."""

    def __init__(self, rng: random.Random, now: datetime, people: PeopleFactory, agencies: list[AgencyInfo]):
        self.rng, self.now, self.people = rng, as_local(now), people
        self.agencies = agencies
        self._recent = (list(RECENT_OUTCOMES), list(RECENT_OUTCOMES.values()))
        self._past_due = (list(PAST_DUE_OUTCOMES), list(PAST_DUE_OUTCOMES.values()))

    # -- helpers -------------------------------------------------------------------------------------------------
    def _staff(self, agency: AgencyInfo, role: str) -> tuple[int | None, str]:
        return self.rng.choice(agency.staff[role])

    def _after(self, cal: WorkingCalendar, start: datetime, minutes: int) -> datetime:
        """``minutes`` working minutes after ``start``, never later than now."""
        return min(add_working_minutes(cal, start, max(0, minutes)), self.now)

    def _times(self, cal: WorkingCalendar, start: datetime, end: datetime, k: int) -> list[datetime]:
        """``k`` increasing instants in working time between ``start`` and ``end``."""
        span = working_minutes_between(cal, start, end)
        offsets = sorted(self.rng.randint(0, span) for _ in range(k))
        return [self._after(cal, start, m) for m in offsets]

    def _other_agency(self, agency: AgencyInfo) -> AgencyInfo:
        others = [a for a in self.agencies if a.id != agency.id]
        return self.rng.choice(others) if others else agency

    # -- the dossier ---------------------------------------------------------------------------------------------
    def make(
        self, *, dossier_id: int, code: str, agency: AgencyInfo, proc: ProcedureInfo, submitted_at: datetime, channel
    ) -> tuple[dict, list[tuple], list[tuple]]:
        rng = self.rng
        story = _Story(self, dossier_id, agency, proc)
        person = self.people.person()
        owner = person
        owner_kind = OwnerKind.CITIZEN
        if rng.random() < 0.15:  # someone files for a relative
            owner = self.people.person()
        elif rng.random() < 0.02:
            owner_kind = OwnerKind.ENTERPRISE
        owner_name = owner.name if owner_kind == OwnerKind.CITIZEN else f"Hộ kinh doanh {owner.name}"
        story.f = {
            "id": dossier_id,
            "code": code,
            "agency_id": agency.id,
            "unit_path": agency.unit_path,
            "procedure_version_id": proc.version_id,
            "procedure_code": proc.code,
            "procedure_name": proc.name,
            "time_limit": proc.time_limit,
            "time_limit_unit": proc.time_limit_unit,
            "same_day_cutoff": proc.same_day_cutoff,
            "supplement_rule": proc.supplement_rule,
            "channel": channel,
            "delivery": "post" if rng.random() < 0.12 else "counter",
            "resume_state": "",
            "submitter_name": person.name,
            "submitter_id_number": person.id_number,
            "submitter_phone": person.phone,
            "submitter_email": person.email,
            "submitter_address": person.address,
            "owner_name": owner_name,
            "owner_id_number": owner.id_number,
            "owner_address": owner.address,
            "owner_kind": owner_kind,
            "summary": proc.name,
            "sets": 1 if rng.random() < 0.9 else 2,
            "citizen_id": None,
            "submitted_at": submitted_at,
            "received_at": None,
            "received_by_id": None,
            "due_at": None,
            "calendar_version": "",
            "transfer_due_at": None,
            "paused_at": None,
            "original_due_at": None,
            "extended_at": None,
            "assignee_id": None,
            "decided_at": None,
            "returned_at": None,
            "closed_at": None,
            "result_summary": "",
            "notes": "",
        }
        provided = self._play(story, submitted_at, channel)
        f = story.f
        f["state"] = story.state
        f["version"] = len(story.events)
        f["step_plan"] = json.dumps(story.plan, ensure_ascii=False)
        f["current_step"] = story.current_step
        f["updated_at"] = story.events[-1][8]
        components = [
            (dossier_id, pos, name, form, qty, req, pos in provided) for pos, name, form, qty, req in proc.components
        ]
        return f, story.events, components

    def _play(self, story: _Story, t_sub: datetime, channel: str) -> set[int]:
        """Replays the dossier's life; returns the positions of the components handed in."""
        rng, agency, proc = self.rng, story.agency, story.proc
        cal = agency.calendar
        one_stop = self._staff(agency, Role.ONE_STOP_OFFICER)
        required = proc.required_positions
        provided = required | {c[0] for c in proc.components if not c[4] and rng.random() < 0.3}
        recent = self.now - t_sub < timedelta(days=45)

        submitter = one_stop if channel != Channel.ONLINE else (None, story.f["submitter_name"])  # the citizen online
        story.event("submit", "", t_sub, submitter, "", {"channel": channel})
        if channel == Channel.ONLINE:
            t_check = add_working_minutes(cal, t_sub, rng.randint(5, 600))
            if t_check > self.now:
                if rng.random() < 0.3 and recent:  # one supplement round already done before the check
                    t1, t2 = self._times(cal, t_sub, self.now, 2)
                    self._supplement_at_check(story, t1, one_stop, required)
                    story.go("receive_supplement", t2, one_stop, "", story.resume(t2, restart=True))
                return provided
        else:
            t_check = t_sub  # checked at the counter while the applicant waits

        roll = rng.random()
        if roll < 0.02:
            reason = rng.choice(REFUSE_REASONS)
            story.close("refuse", t_check, one_stop, reason)
            return provided
        if roll < 0.05 and recent:
            missing = self._supplement_at_check(story, t_check, one_stop, required)
            return provided - missing

        story.receive(t_check, one_stop)
        story.go("receive", t_check, one_stop)
        due = story.f["due_at"]
        outcomes = self._recent if self.now <= due else self._past_due
        state = rng.choices(outcomes[0], weights=outcomes[1])[0]
        self._after_receipt(story, state, t_check, due, one_stop)
        return provided

    def _supplement_at_check(self, story: _Story, at: datetime, actor, required: set[int]) -> set[int]:
        rng, proc = self.rng, story.proc
        missing = {p for p in required if rng.random() < 0.5}
        if required and not missing:
            missing = {min(required)}
        items = [c[1] for c in proc.components if c[0] in missing] or [rng.choice(SUPPLEMENT_EXTRA)]
        reason = rng.choice(SUPPLEMENT_REASONS)
        if story.f["channel"] == Channel.ONLINE:
            story.pause(at)  # dossier_act's request_supplement
        else:
            story.f["resume_state"] = S.SUBMITTED  # dossier_intake's "supplement" outcome
        story.go("request_supplement", at, actor, reason, {"items": items, "reason": reason})
        return missing

    def _after_receipt(self, story: _Story, state: str, t_recv: datetime, due: datetime, one_stop) -> None:
        rng, agency, proc, f = self.rng, story.agency, story.proc, story.f
        cal, now = agency.calendar, self.now
        specialist = self._staff(agency, Role.SPECIALIST)
        leader = self._staff(agency, Role.UNIT_LEADER)
        past_due = now > due

        def assign(at):
            f["assignee_id"] = specialist[0]
            story.current_step = step_index_for(story.plan, Role.SPECIALIST, story.current_step)
            story.go("assign", at, leader, "", {"assignee_id": specialist[0], "assignee_name": specialist[1]})

        def consult(action, at, field_content):
            other = self._other_agency(agency)
            days = rng.choice([2, 3, 5])
            reply = due_at(cal, at, days, "working-days")
            data = {"agency_id": other.id, "agency_name": other.name, "due_at": reply.isoformat()}
            story.go(action, at, specialist, rng.choice(field_content), data)

        # Where the last event of an open dossier falls: any time so far, or before the due time for a late one.
        open_end = min(due, now) if past_due else now

        if state == S.RECEIVED:
            return
        if state in (S.REFUSED, S.WITHDRAWN):
            end = self._times(cal, t_recv, open_end, 1)[0]
            if rng.random() < 0.5:
                t_assign, end = self._times(cal, t_recv, end, 2)
                assign(t_assign)
            action, reasons = ("refuse", REFUSE_REASONS) if state == S.REFUSED else ("withdraw", WITHDRAW_REASONS)
            actor = leader if state == S.REFUSED else one_stop
            story.close(action, end, actor, rng.choice(reasons))
            return
        if state == S.STOPPED:
            times = self._times(cal, t_recv, open_end, 3)
            assign(times[0])
            if rng.random() < 0.5:
                story.pause(times[1])
                items = [rng.choice(SUPPLEMENT_EXTRA)]
                reason = rng.choice(SUPPLEMENT_REASONS)
                story.go("request_supplement", times[1], specialist, reason, {"items": items, "reason": reason})
            story.close("stop", times[2], leader, rng.choice(STOP_REASONS))
            return
        if state in (S.PROCESSING, S.WAITING_SUPPLEMENT, S.WAITING_PAYMENT, S.CONSULTING, S.INTER_AGENCY):
            times = self._times(cal, t_recv, open_end, 3)
            assign(times[0])
            if state == S.CONSULTING:
                consult("consult", times[1], CONSULT_CONTENT)
            elif state == S.INTER_AGENCY:
                consult("transfer", times[1], TRANSFER_CONTENT)
            elif state == S.WAITING_SUPPLEMENT:
                story.pause(times[1])
                items = [rng.choice(SUPPLEMENT_EXTRA)]
                reason = rng.choice(SUPPLEMENT_REASONS)
                story.go("request_supplement", times[1], specialist, reason, {"items": items, "reason": reason})
            elif state == S.WAITING_PAYMENT:
                story.pause(times[1])
                amount = proc.fee_vnd or 50_000
                story.go("request_payment", times[1], one_stop, "Lệ phí giải quyết thủ tục", {"amount_vnd": amount})
            else:  # processing: sometimes after a finished round of consulting, transfer, supplement or payment
                self._processing_round(story, rng.random(), times[1], times[2], specialist, one_stop, consult)
            return

        # Resolved or returned: decided on time, late, or late after a Form 04 extension.
        late = past_due and rng.random() < LATE_DECISION
        extend = late and rng.random() < 0.5 and working_minutes_between(cal, t_recv, due) > MINUTES_PER_DAY
        if late and not extend:
            t_decide = self._after(cal, due, rng.randint(30, 8 * MINUTES_PER_DAY))
        elif extend:
            t_decide = None  # after the extension, below
        else:
            span = working_minutes_between(cal, t_recv, min(due, now))
            t_decide = self._after(cal, t_recv, rng.randint(span * 3 // 10, span) if span else 0)
        if extend:
            # Form 04 at least one working day before the due time (workcal.rules.check_extension).
            notice_span = working_minutes_between(cal, t_recv, due) - MINUTES_PER_DAY
            t_extend = self._after(cal, t_recv, rng.randint(0, notice_span))
            t_assign = self._times(cal, t_recv, t_extend, 1)[0]
            assign(t_assign)
            new_due = due_at(cal, due, rng.randint(1, 5), "working-days")
            reason = rng.choice(EXTEND_REASONS)
            data = {"old_due": as_local(due).isoformat(), "new_due": as_local(new_due).isoformat(), "reason": reason}
            f["original_due_at"], f["due_at"], f["extended_at"] = due, new_due, t_extend
            story.go("extend", t_extend, leader, reason, data)
            t_decide = self._after(cal, due, rng.randint(1, max(1, working_minutes_between(cal, due, new_due))))
        else:
            t_assign = self._times(cal, t_recv, t_decide, 1)[0]
            assign(t_assign)
        result = f"Phê duyệt kết quả: {proc.result}"[:2000]
        f["decided_at"], f["result_summary"] = t_decide, result
        story.current_step = step_index_for(story.plan, Role.ONE_STOP_OFFICER, story.current_step + 1)
        story.go("decide", t_decide, leader, result)
        if state == S.RETURNED:
            t_return = self._after(cal, t_decide, rng.randint(0, 3 * MINUTES_PER_DAY))
            f["returned_at"] = t_return
            early = as_local(t_return).date() < as_local(f["due_at"]).date()
            notified = ["email"] if early and f["submitter_email"] else []
            story.go("return_result", t_return, one_stop, "", {"early": early, "notified": notified})

    def _processing_round(self, story: _Story, roll: float, t1, t2, specialist, one_stop, consult) -> None:
        rng = self.rng
        if roll < 0.6:
            return
        if roll < 0.72:
            consult("consult", t1, CONSULT_CONTENT)
            story.go("record_answer", t2, specialist, rng.choice(ANSWERS))
        elif roll < 0.8:
            consult("transfer", t1, TRANSFER_CONTENT)
            story.go("take_back", t2, specialist, rng.choice(TAKE_BACK_CONTENT))
        elif roll < 0.92:
            story.pause(t1)
            items = [rng.choice(SUPPLEMENT_EXTRA)]
            reason = rng.choice(SUPPLEMENT_REASONS)
            story.go("request_supplement", t1, specialist, reason, {"items": items, "reason": reason})
            restart = story.proc.supplement_rule == "restart"
            story.go("receive_supplement", t2, one_stop, "", story.resume(t2, restart=restart))
        else:
            story.pause(t1)
            amount = story.proc.fee_vnd or 50_000
            story.go("request_payment", t1, one_stop, "Lệ phí giải quyết thủ tục", {"amount_vnd": amount})
            story.go("confirm_payment", t2, one_stop, "", story.resume(t2, restart=False))
