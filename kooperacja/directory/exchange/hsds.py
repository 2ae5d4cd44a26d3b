"""The directory in Open Referral HSDS 3.0: a JSON array of organizations (schemas/compiled/organization.json).

Export: our ``uid`` is the organization id, a service's ``uid`` its id; other ids (phones, contacts, locations,
attributes) are derived with uuid5 so the same directory always gives the same file. Our taxonomies travel as
taxonomy terms attached through attributes, ``taxonomy`` naming which: ``kooperacja:kind``,
``kooperacja:sector``, ``kooperacja:level``, ``kooperacja:status``, ``TERYT`` (unit served, ``link_type``
"unit" or "other_unit"), ``kooperacja:specialist`` (value = how many) on the organization;
``kooperacja:problem`` and ``kooperacja:field`` (code "legal_basis", value = the text) on services.
Opening hours are the description of the location's schedule. When the data was last confirmed travels as
HSDS ``assured_date`` / ``assurer_email`` of a service and, for the organization (HSDS has no such field
there), as ``kooperacja:field`` terms "assured_date" and "assurer_email" with the value.

Import reads any valid HSDS 3.0 organization. The kind is our code, else recognised from the file's taxonomy
terms or the name (``kinds``), else "other"; a problem our taxonomy does not know is left out. The unit served
is our TERYT term, else the gmina named in the address (town, county and voivodeship names; when several gminas
share the name, a TERYT term on the address or location, the unit chosen for the import or the postal code
decides), else the unit chosen for the import. The file lists all of an organization's services: a re-import
removes those no longer in it.
"""

import datetime
import json
import uuid
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, FormatChecker

from kooperacja.directory import taxonomy
from kooperacja.directory.exchange.records import (
    Record,
    check_formulas,
    check_text_fields,
    key,
    kind_lookup,
    problem_lookup,
    specialist_lookup,
)
from kooperacja.directory.models import Institution
from kooperacja.territory.selectors import stored_code

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "compiled" / "organization.json"
NAMESPACE = uuid.UUID("6d1b0f0e-5a43-4c1e-9a8e-4b6f3c1d2e7a")  # fixed: derived ids stay the same between exports
MAX_ORGANIZATIONS = 5000

TAX_KIND = "kooperacja:kind"
TAX_SECTOR = "kooperacja:sector"
TAX_LEVEL = "kooperacja:level"
TAX_STATUS = "kooperacja:status"
TAX_UNIT = "TERYT"
TAX_SPECIALIST = "kooperacja:specialist"
TAX_PROBLEM = "kooperacja:problem"
TAX_FIELD = "kooperacja:field"


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validator() -> Draft202012Validator:
    """The compiled schema has every object inline (no $ref) and declares no draft: 2020-12 is used."""
    return Draft202012Validator(schema(), format_checker=FormatChecker())


def schema_errors(organization) -> list[str]:
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(organization)'}: {error.message}"
        for error in sorted(validator().iter_errors(organization), key=lambda e: list(map(str, e.absolute_path)))
    ]


def derived_id(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


# --- Export -------------------------------------------------------------------------------------------------


def _term(tax: str, code: str, name: str, description: str = "") -> dict:
    return {
        "id": derived_id("term", tax, code),
        "code": code,
        "name": name,
        "description": description,
        "taxonomy": tax,
    }


def _attribute(owner_id: str, entity: str, link_type: str, term: dict, value: str = "") -> dict:
    attribute = {
        "id": derived_id(owner_id, "attribute", link_type, term["taxonomy"], term["code"]),
        "link_id": owner_id,
        "link_type": link_type,
        "link_entity": entity,
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }
    if value:
        attribute["value"] = value
    return attribute


def _unit_chain(unit) -> dict:
    chain = {}
    while unit is not None:
        chain[unit.level] = unit
        unit = unit.parent
    return chain


def _unit_term(unit) -> dict:
    return _term(TAX_UNIT, unit.teryt, unit.name, str(unit.full_name))


def organization(institution: Institution) -> dict:
    """One HSDS organization; ``institution`` comes with its related objects prefetched."""
    org_id = str(institution.uid)
    kind_label = dict(taxonomy.KIND_CHOICES).get(institution.kind, institution.kind)
    attributes = [
        _attribute(
            org_id,
            "organization",
            "kind",
            _term(TAX_KIND, institution.kind, str(kind_label), str(institution.sector_label)),
        ),
        _attribute(
            org_id, "organization", "sector", _term(TAX_SECTOR, institution.sector, str(institution.sector_label))
        ),
        _attribute(
            org_id, "organization", "level", _term(TAX_LEVEL, institution.level, str(institution.get_level_display()))
        ),
        _attribute(
            org_id,
            "organization",
            "status",
            _term(TAX_STATUS, institution.status, str(institution.get_status_display())),
        ),
        _attribute(org_id, "organization", "unit", _unit_term(institution.unit)),
    ]
    attributes += [
        _attribute(org_id, "organization", "other_unit", _unit_term(u)) for u in institution.other_units.all()
    ]
    for code, value in _assurance(institution).items():
        attributes.append(_attribute(org_id, "organization", code, _term(TAX_FIELD, code, code), value))
    specialist_labels = dict(taxonomy.SPECIALISTS)
    attributes += [
        _attribute(
            org_id,
            "organization",
            "specialist",
            _term(TAX_SPECIALIST, s.kind, str(specialist_labels.get(s.kind, s.kind))),
            str(s.count),
        )
        for s in institution.specialists.all()
    ]
    org = {
        "id": org_id,
        "name": institution.name,
        "description": institution.notes,
        "organization_identifiers": [
            {
                "id": derived_id(org_id, "identifier", scheme),
                "organization_id": org_id,
                "identifier_scheme": f"PL-{scheme}",
                "identifier_type": scheme,
                "identifier": value,
            }
            for scheme, value in (("REGON", institution.regon), ("NIP", institution.nip), ("KRS", institution.krs))
            if value
        ],
        "phones": [
            {
                "id": derived_id(org_id, "phone", i),
                "organization_id": org_id,
                "number": p.number,
                **({"description": p.description} if p.description else {}),
            }
            for i, p in enumerate(institution.phones.all())
        ],
        "contacts": [_contact(org_id, i, c) for i, c in enumerate(institution.contacts.all())],
        "locations": _locations(org_id, institution),
        "services": [_service(org_id, s) for s in institution.services.all()],
        "attributes": attributes,
    }
    for name, value in (
        ("alternate_name", institution.short_name),
        ("email", institution.email),
        ("website", institution.website),
        ("tax_id", institution.nip),
    ):
        if value:
            org[name] = value
    return org


def _contact(org_id: str, index: int, contact) -> dict:
    contact_id = derived_id(org_id, "contact", index)
    data = {"id": contact_id, "organization_id": org_id, "name": contact.name}
    if contact.function:
        data["title"] = contact.function
    if contact.email:
        data["email"] = contact.email
    if contact.phone:
        data["phones"] = [{"id": derived_id(contact_id, "phone"), "contact_id": contact_id, "number": contact.phone}]
    return data


def _locations(org_id: str, institution: Institution) -> list[dict]:
    if not any((institution.street, institution.postal_code, institution.city, institution.opening_hours)):
        return []
    location_id = derived_id(org_id, "location")
    location = {"id": location_id, "location_type": "physical", "organization_id": org_id, "name": institution.name}
    if institution.street or institution.postal_code or institution.city:
        chain = _unit_chain(institution.unit)
        voivodeship, county = chain.get("wojewodztwo"), chain.get("powiat")
        address = {
            "id": derived_id(location_id, "address"),
            "location_id": location_id,
            "address_1": institution.street,
            "city": institution.city,
            "state_province": voivodeship.name if voivodeship else "",
            "postal_code": institution.postal_code,
            "country": "PL",
            "address_type": "physical",
        }
        if county is not None:
            address["region"] = county.name
        location["addresses"] = [address]
    if institution.opening_hours:
        location["schedules"] = [
            {
                "id": derived_id(location_id, "schedule"),
                "location_id": location_id,
                "description": institution.opening_hours,
            }
        ]
    return [location]


def _assurance(entry) -> dict:
    """{"assured_date": …, "assurer_email": …} of an institution or a service, as far as it was confirmed."""
    if entry.confirmed_at is None:
        return {}
    email = entry.confirmed_by.email if entry.confirmed_by_id else entry.confirmed_by_email
    return {"assured_date": entry.confirmed_at.isoformat(), **({"assurer_email": email} if email else {})}


def _service(org_id: str, service) -> dict:
    service_id = str(service.uid)
    attributes = [
        _attribute(service_id, "service", "problem", _term(TAX_PROBLEM, p.code, p.name, p.group))
        for p in service.problems.all()
    ]
    if service.legal_basis:
        term = _term(TAX_FIELD, "legal_basis", _("legal basis"))
        attributes.append(_attribute(service_id, "service", "legal_basis", term, service.legal_basis))
    data = {
        "id": service_id,
        "organization_id": org_id,
        "name": service.name,
        "status": "active",
        "attributes": attributes,
    }
    for name, value in (
        ("description", service.description),
        ("eligibility_description", service.target_group),
        ("application_process", service.how_to_access),
    ):
        if value:
            data[name] = value
    data.update(_assurance(service))
    return data


def export(institutions) -> list[dict]:
    return [organization(i) for i in institutions]


def dumps(organizations: list[dict]) -> str:
    return json.dumps(organizations, ensure_ascii=False, indent=2)


# --- Import -------------------------------------------------------------------------------------------------


class HsdsFileError(Exception):
    def __init__(self, code: str, value: str = ""):
        super().__init__(code)
        self.code = code
        self.value = value


def organizations_in(data) -> list:
    """An array of organizations; also one organization, or a paged list ({"contents": [...]}) of the API."""
    if isinstance(data, dict):
        data = data["contents"] if isinstance(data.get("contents"), list) else [data]
    if not isinstance(data, list):
        raise HsdsFileError("not_hsds")
    if len(data) > MAX_ORGANIZATIONS:
        raise HsdsFileError("too_many_rows", str(MAX_ORGANIZATIONS))
    return data


def _terms(obj: dict) -> list[tuple[dict, dict]]:
    """(attribute, taxonomy term) pairs of an object."""
    pairs = []
    for attribute in obj.get("attributes") or []:
        if isinstance(attribute, dict) and isinstance(attribute.get("taxonomy_term"), dict):
            pairs.append((attribute, attribute["taxonomy_term"]))
    return pairs


def _text(value) -> str:
    return str(value).strip() if value is not None else ""


def parse(data, *, lookups: dict | None = None) -> list[Record]:
    lookups = lookups or {"kind": kind_lookup(), "specialist": specialist_lookup(), "problem": problem_lookup()}
    records = []
    for index, org in enumerate(organizations_in(data), start=1):
        errors = schema_errors(org) if isinstance(org, dict) else [_("not an object")]
        if errors:
            record = Record(line=index, values={"name": _text(org.get("name")) if isinstance(org, dict) else ""})
            record.error("hsds_invalid", "", "; ".join(errors[:3]))
            records.append(record)
            continue
        records.append(parse_organization(index, org, lookups))
    return records


def parse_organization(line: int, org: dict, lookups: dict) -> Record:
    record = Record(line=line, uid=_text(org.get("id")))
    fields = record.fields
    fields["name"] = _text(org.get("name"))
    fields["short_name"] = _text(org.get("alternate_name"))
    fields["email"] = _text(org.get("email"))
    fields["website"] = _text(org.get("website"))
    fields["notes"] = _text(org.get("description"))
    identifiers = {"REGON": "", "NIP": "", "KRS": ""}
    for identifier in org.get("organization_identifiers") or []:
        kind = _text(identifier.get("identifier_type")).upper().removeprefix("PL-")
        scheme = _text(identifier.get("identifier_scheme")).upper().removeprefix("PL-")
        for name in identifiers:
            if name in (kind, scheme) and not identifiers[name]:
                identifiers[name] = _text(identifier.get("identifier"))
    if not identifiers["NIP"] and org.get("tax_id"):
        identifiers["NIP"] = _text(org["tax_id"])
    fields.update(regon=identifiers["REGON"], nip=identifiers["NIP"], krs=identifiers["KRS"])

    # Our taxonomies; the file's own terms are kept to recognise the kind from (kinds.infer, when planning).
    kind_value = ""
    record.other_unit_codes = []
    record.specialists = {}
    for attribute, term in _terms(org):
        tax, code, value = _text(term.get("taxonomy")), _text(term.get("code")), _text(attribute.get("value"))
        link_type = _text(attribute.get("link_type"))
        if tax == TAX_KIND and lookups["kind"].get(key(code)):
            kind_value = code
        elif tax == TAX_KIND:
            record.kind_terms += [t for t in (code, _text(term.get("name"))) if t]
        elif tax == TAX_LEVEL:
            fields["level"] = code
        elif tax == TAX_STATUS:
            fields["status"] = code
        elif tax == TAX_UNIT:
            unit = stored_code(code)
            if unit is None:
                record.error("unit_bad_format", "TERYT", code)
            elif link_type == "other_unit":
                record.other_unit_codes.append(unit)
            else:
                record.unit_code = unit
        elif tax == TAX_SPECIALIST:
            specialist = lookups["specialist"].get(key(code))
            if specialist and value.isascii() and value.isdigit():
                record.specialists[specialist] = int(value)
        elif tax == TAX_FIELD and code in ("assured_date", "assurer_email"):
            record.confirmed.update(_confirmation({code: value}))
        elif not tax.startswith("kooperacja:"):
            record.kind_terms += [t for t in (code, _text(term.get("name"))) if t]
    if kind_value:
        fields["kind"] = lookups["kind"][key(kind_value)]
    if fields.get("level") not in {choice for choice, _label in Institution.Level.choices}:
        fields.pop("level", None)
    if fields.get("status") not in {choice for choice, _label in Institution.Status.choices}:
        fields["status"] = "active"

    record.phones = [[_text(p.get("number")), _text(p.get("description"))] for p in org.get("phones") or []]
    record.contacts = []
    for contact in org.get("contacts") or []:
        phones = contact.get("phones") or []
        record.contacts.append(
            [
                _text(contact.get("name")),
                _text(contact.get("title")),
                _text(phones[0].get("number")) if phones else "",
                _text(contact.get("email")),
            ]
        )

    address, schedules, address_teryt = {}, [], ""
    for location in org.get("locations") or []:
        schedules += location.get("schedules") or []
        for candidate in location.get("addresses") or []:
            if not address or (candidate.get("address_type") == "physical" != address.get("address_type")):
                address = candidate
                address_teryt = _teryt_of(candidate) or _teryt_of(location) or address_teryt
    fields["street"] = " ".join(_text(address.get(k)) for k in ("address_1", "address_2") if address.get(k))
    fields["postal_code"] = _text(address.get("postal_code"))
    fields["city"] = _text(address.get("city"))
    fields["opening_hours"] = "\n".join(_text(s.get("description")) for s in schedules if s.get("description"))
    record.values = {
        "name": fields["name"],
        "kind": kind_value or ", ".join(dict.fromkeys(record.kind_terms)),
        "city": fields["city"],
        "postal_code": fields["postal_code"],
        "regon": fields["regon"],
        "nip": fields["nip"],
        "krs": fields["krs"],
    }
    if record.unit_code:
        record.values["unit_teryt"] = record.unit_code
    elif address:
        record.values["address"] = {
            "city": fields["city"],
            "region": _text(address.get("region")),
            "state_province": _text(address.get("state_province")),
            "postal_code": fields["postal_code"],
            "teryt": address_teryt,
        }

    record.services = []
    for service in org.get("services") or []:
        problems, legal_basis = [], ""
        for attribute, term in _terms(service):
            if _text(term.get("taxonomy")) == TAX_FIELD and _text(term.get("code")) == "legal_basis":
                legal_basis = _text(attribute.get("value"))
                continue
            problem = lookups["problem"].get(key(term.get("code") or "")) or lookups["problem"].get(
                key(term.get("name") or "")
            )
            if problem and problem not in problems:
                problems.append(problem)
        record.services.append(
            {
                "uid": _text(service.get("id")),
                "name": _text(service.get("name"))[:255],
                "description": _text(service.get("description")),
                "target_group": _text(service.get("eligibility_description"))[:255],
                "legal_basis": legal_basis[:500],
                "how_to_access": _text(service.get("application_process")),
                "problems": problems,
                **_confirmation(
                    {"assured_date": service.get("assured_date"), "assurer_email": service.get("assurer_email")}
                ),
            }
        )
    record.services_complete = True
    check_text_fields(record, {})
    check_formulas(record)
    return record


def _teryt_of(obj: dict) -> str:
    """The TERYT code a location or an address carries: our TERYT term, or a location's external identifier."""
    for _attribute, term in _terms(obj):
        if _text(term.get("taxonomy")) == TAX_UNIT and stored_code(_text(term.get("code"))):
            return stored_code(_text(term.get("code")))
    if _text(obj.get("external_identifier_type")).upper() == TAX_UNIT:
        return stored_code(_text(obj.get("external_identifier"))) or ""
    return ""


def _confirmation(values: dict) -> dict:
    """{"confirmed_at": date, "confirmed_by_email": …} from HSDS assured_date / assurer_email; a date that is not
    a past or present date, or an address that is not an e-mail, is left out."""
    found = {}
    date, email = _text(values.get("assured_date")), _text(values.get("assurer_email"))
    if date:
        try:
            day = datetime.date.fromisoformat(date)
        except ValueError:
            day = None
        if day is not None and day <= timezone.localdate():
            found["confirmed_at"] = day.isoformat()
    if email:
        try:
            validate_email(email)
            found["confirmed_by_email"] = email[:254]
        except ValidationError:
            pass
    return found


MAX_DEPTH = 64  # an HSDS organization nests about eight levels; deeper is a nesting bomb, not a directory


def loads(content: bytes):
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HsdsFileError("json_syntax", str(exc)) from None
    except RecursionError:
        raise HsdsFileError("json_too_deep", str(MAX_DEPTH)) from None
    if depth(data) > MAX_DEPTH:
        raise HsdsFileError("json_too_deep", str(MAX_DEPTH))
    return data


def depth(data) -> int:
    """How deeply arrays and objects nest in ``data``, counted without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in (value.values() if isinstance(value, dict) else value))
    return deepest
