"""Labor evidence for a WRO answer: employee lists, timecards, payroll and recruitment records.

A Section 307 detention asks who did the work, at every producer (domain.md LAB-01 to
LAB-04), so the WRO demo carries these for the farm, the gin, the spinner, the knitting mill
and the garment factory. Workers' names are drawn from common name parts by a fixed hash,
never at random, so the pages are the same on every run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from importer_app.demo.layout import Items, Signatures, Text, Title
from importer_app.demo.paperwork import PEOPLE, Paper, en, jitter, num, sheet, signer, us
from importer_app.demo.scenario import Scenario

_VN_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô")
# Vietnamese middle and given names mostly tell a woman's name from a man's: keep them matched.
_VN_WOMEN = (("Thị", "Thu", "Ngọc", "Kim"),
             ("Anh", "Châu", "Dung", "Hạnh", "Hương", "Lan", "Linh", "Mai", "Nga", "Thảo", "Trang", "Vy", "Yến"))
_VN_MEN = (("Văn", "Đức", "Hữu", "Quốc", "Minh"),
           ("Bình", "Dũng", "Hiếu", "Hùng", "Khánh", "Long", "Nam", "Phúc", "Quân", "Sơn", "Tuấn"))
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # not %a, which follows the process locale
_US_FIRST = ("Jose", "Maria", "Cody", "Tyler", "Luis", "Brandon", "Ashley", "Ramon", "Dustin", "Kayla", "Miguel", "Shane")
_US_LAST = ("Garcia", "Hernandez", "Miller", "Ortiz", "Flores", "Jackson", "Reyes", "Brooks", "Moreno", "Tate",
            "Castillo", "Wheeler")


@dataclass(frozen=True)
class _Site:
    """One producer's workforce as its records describe it.

    Attributes:
        key: entity id and org key.
        number: orders the site's files after the other documents.
        prefix: employee id prefix.
        area: the workshop or crew the records cover.
        jobs: job titles, assigned in turn down the list.
        workers: how many workers the records list.
        wage: monthly base wage in VND (Vietnam) or hourly wage in USD (US).
        work_days: days before importation of a day in the week of the timecard.
    """

    key: str
    number: int
    prefix: str
    area: str
    jobs: tuple[str, ...]
    workers: int
    wage: float
    work_days: int

    @property
    def us(self) -> bool:
        return self.key in ("gin", "grower")


_SITES = (
    _Site("grower", 1, "PCF", "Farm crew, harvest", ("Stripper operator", "Module builder operator", "Boll buggy driver",
                                                    "Farm hand"), 5, 16.5, 219),
    _Site("gin", 2, "MDG", "Gin crew, stands 1-3", ("Gin stand operator", "Press operator", "Module feeder operator",
                                                   "Yard hand", "Bale sampler"), 10, 17.25, 214),
    _Site("spinner", 3, "KDS", "Ring spinning, frames RF-11 to RF-16", ("Ring frame tenter", "Doffer", "Carding operator",
                                                                      "Winding operator"), 16, 7_150_000, 117),
    _Site("knitter", 4, "LTK", "Circular knitting and dyeing", ("Knitting operator", "Dyeing operator",
                                                              "Fabric inspector", "Yarn store hand"), 14, 7_400_000, 104),
    _Site("garment", 5, "SCG", "Sewing lines 4-6 (extract)", ("Sewing operator", "Sewing operator", "Cutter",
                                                            "QC inspector", "Packer"), 24, 7_650_000, 70),
)


def _name(site: _Site, i: int) -> str:
    if site.us:
        return f"{_US_FIRST[int(jitter(site.key + 'f', i) * 12)]} {_US_LAST[int(jitter(site.key + 'l', i) * 12)]}"
    middles, givens = _VN_WOMEN if jitter(site.key + "w", i) < 0.65 else _VN_MEN
    family = _VN_FAMILY[int(jitter(site.key + "f", i) * len(_VN_FAMILY))]
    middle = middles[int(jitter(site.key + "m", i) * len(middles))]
    return f"{family} {middle} {givens[int(jitter(site.key + 'g', i) * len(givens))]}"


def _day(site: _Site, date: dt.date) -> str:
    return us(date) if site.us else en(date)


def _joined(site: _Site, s: Scenario, i: int) -> dt.date:
    return s.dates.before(site.work_days + 60 + int(jitter(site.key + "j", i) * 1800))


def _hours(site: _Site, i: int, day: int) -> float:
    """Hours worked: 8 a day and 2 h overtime on some days, Sunday off; 10 h days in the US harvest season."""
    if day == 6:
        return 0.0
    base = 10.0 if site.us else 8.0
    return base + (2.0 if jitter(site.key + "ot", i * 7 + day) < 0.25 else 0.0)


def _week(site: _Site, i: int) -> tuple[float, float]:
    """Regular and overtime hours of the timecard week: over 40 h a week in the US, over 8 h a day in Vietnam."""
    hours = [_hours(site, i, d) for d in range(7)]
    regular = min(sum(hours), 40.0) if site.us else sum(min(h, 8.0) for h in hours)
    return regular, sum(hours) - regular


def _employee_list(site: _Site, s: Scenario) -> Paper:
    number = f"{site.prefix}-HR-EL-{s.dates.before(site.work_days).year}"
    rows = tuple((str(i + 1), f"{site.prefix}-{1040 + 37 * i}", _name(site, i), site.jobs[i % len(site.jobs)],
                  _day(site, _joined(site, s, i)), "Full time" if jitter(site.key + "c", i) < 0.8
                  else "Seasonal" if site.us else "Fixed term, 12 months")
                 for i in range(site.workers))
    return Paper(
        f"docs/{40 + site.number:02d}a-employee-list-{site.key}.pdf", "employee_list",
        f"Employee list, {site.area}", s.dates.before(site.work_days),
        sheet(site.key, number,
              Title("EMPLOYEE LIST", f"{site.area} · workers on the traced production"),
              Items(("No.", "Employee ID", "Name", "Position", "Joined", "Contract"), rows,
                    (0.4, 1, 1.8, 1.6, 1.1, 1.4), "RLLLLL"),
              Text("", ("All workers are direct employees; no agency or subcontracted labor. Identity documents stay "
                        "with the workers; HR keeps photocopies only.",)),
              Signatures((signer(site.key, 0, "Certified by"),)),
              ),
        entities=(site.key,), references=(number,),
    )


def _timecard(site: _Site, s: Scenario) -> Paper:
    start = s.dates.before(site.work_days)
    start -= dt.timedelta(days=start.weekday())  # the week runs Monday to Sunday, the day off
    days = [start + dt.timedelta(days=d) for d in range(7)]
    number = f"{site.prefix}-HR-TC-{start:%y%m%d}"
    rows = []
    for i in range(site.workers):
        regular, overtime = _week(site, i)
        rows.append((f"{site.prefix}-{1040 + 37 * i}", _name(site, i),
                     *(f"{h:g}" if h else "-" for h in (_hours(site, i, d) for d in range(7))), f"{regular:g}", f"{overtime:g}"))
    return Paper(
        f"docs/{40 + site.number:02d}b-timecards-{site.key}.pdf", "timecard", f"Weekly time sheet, {site.area}", days[-1],
        sheet(site.key, number,
              Title("WEEKLY TIME SHEET", f"{site.area} · week of {_day(site, days[0])} to {_day(site, days[-1])}"),
              Items(("Employee ID", "Name", *(f"{_WEEKDAYS[d.weekday()]} {d.day}" for d in days), "Reg. h", "OT h"), tuple(rows),
                    (1, 1.6, *(0.45,) * 7, 0.7, 0.7), "LL" + "C" * 7 + "RR"),
              Text("", ("Hours from the electronic clock-in system; overtime worked on request and with the worker's "
                        "written consent, paid at 150% (Vietnam) or time and a half over 40 h (US).",)),
              Signatures((signer(site.key, min(1, len(PEOPLE[site.key]) - 1), "Checked by"),)),
              ),
        entities=(site.key,), references=(number,),
    )


def _payroll(site: _Site, s: Scenario) -> Paper:
    paid = s.dates.before(site.work_days - 20)
    number = f"{site.prefix}-PAY-{paid:%Y%m}"
    rows = []
    total = 0.0
    for i in range(site.workers):
        regular, overtime = (4 * h for h in _week(site, i))  # four weeks like the timecard's
        if site.us:
            gross = site.wage * (regular + 1.5 * overtime)
            deductions = gross * 0.0765  # social security and Medicare
        else:
            # Base pay covers 208 h a month; overtime at 150%; a 500,000 VND meal allowance.
            gross = site.wage + overtime * site.wage / 208 * 1.5 + 500_000
            deductions = site.wage * 0.105  # the worker's social, health and unemployment insurance
        net = gross - deductions
        total += net
        decimals = 2 if site.us else 0
        rows.append((f"{site.prefix}-{1040 + 37 * i}", _name(site, i), num(gross, decimals), num(deductions, decimals),
                     num(net, decimals), "Bank transfer"))
    currency = "USD" if site.us else "VND"
    return Paper(
        f"docs/{40 + site.number:02d}c-payroll-{site.key}.pdf", "payroll_record", f"Payroll register, {site.area}", paid,
        sheet(site.key, number,
              Title("PAYROLL REGISTER", f"{site.area} · four weeks to {_day(site, paid)} · amounts in {currency}"),
              Items(("Employee ID", "Name", "Gross pay", "Deductions", "Net pay", "Paid by"), tuple(rows),
                    (1, 1.8, 1.1, 1.1, 1.1, 1), "LLRRRL",
                    (("Total", f"{site.workers} workers", "", "", num(total, 2 if site.us else 0), ""),)),
              Text("", (f"Paid on {_day(site, paid)} by bank transfer to each worker's own account; no deductions other than "
                        "statutory ones; no advances, loans or fees outstanding.",)),
              Signatures((signer(site.key, 0, "Approved"),)),
              ),
        entities=(site.key,), references=(number,),
    )


def _recruitment(site: _Site, s: Scenario) -> Paper:
    date = s.dates.before(site.work_days + 30)
    number = f"{site.prefix}-HR-REC-{date.year}"
    hires = sorted(range(site.workers), key=lambda i: _joined(site, s, i), reverse=True)[:6]
    fair = "State workforce center" if site.us else "Commune job fair"
    channels = ("Walk-in", "Referral by a worker", "Job board", fair)
    rows = tuple((_name(site, i), _day(site, _joined(site, s, i)), channels[int(jitter(site.key + "ch", i) * 4)], "0",
                  _day(site, _joined(site, s, i)), "Yes") for i in hires)
    return Paper(
        f"docs/{40 + site.number:02d}d-recruitment-{site.key}.pdf", "recruitment_record", f"Recruitment record, {site.area}",
        date,
        sheet(site.key, number,
              Title("RECRUITMENT PROCEDURE AND HIRING RECORD", site.area),
              Text("Procedure", (
                  f"Vacancies are posted at the gate, on a public job board and at the {fair.lower()}. The company uses no "
                  "labor agency or broker and charges no fee or deposit. Each new worker receives a written contract in "
                  "their own language before starting, keeps their identity papers, and may resign with the notice set by "
                  "law.",)),
              Items(("Worker", "Hired", "Channel", "Fee paid", "Contract signed", "Induction"), rows,
                    (1.8, 1, 1.5, 0.7, 1.1, 0.9), "LLLRLC"),
              Text("", ("Most recent hires among the workers on the traced production; full files held by HR.",)),
              Signatures((signer(site.key, 0, "Certified by"),)),
              ),
        entities=(site.key,), references=(number,),
    )


def papers(s: Scenario) -> list[Paper]:
    """Labor records of every producer, the farm's seasonal harvest crew included."""
    out: list[Paper] = []
    for site in _SITES:
        out += [_employee_list(site, s), _timecard(site, s), _payroll(site, s), _recruitment(site, s)]
    return out
