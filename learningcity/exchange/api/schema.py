"""drf-spectacular extensions: the bearer-token authentication, and the problem answers."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiSerializerFieldExtension

from learningcity.exchange.api.base import MOMENT_PATTERN


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "learningcity.exchange.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):  # the extension's signature
        return {"type": "http", "scheme": "bearer", "bearerFormat": "lc_<prefix>_<secret>"}


# The problem+json answers (problems.py) every operation can give, so a client knows them from
# the contract: statuses any request may meet, and those only a write (a body) may.
PROBLEMS_OF_EVERY_OPERATION = {
    "400": "A parameter or value is not valid; `errors` says which (nothing was saved).",
    "401": "No token, or a token that is unknown, expired or revoked.",
    "403": "The token's role or entity may not do this.",
    "404": "No such record, or none this token may see; or a cursor that is not one of ours.",
    "406": "The Accept header asks for a format the API does not answer in.",
    "429": "Too many requests for this token; Retry-After says when to try again.",
}
PROBLEMS_OF_WRITES = {
    "409": "The record changed or is in a state that does not allow this.",
    "412": "If-Match names a version that is no longer current.",
    "415": "The body is not JSON.",
}
PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details, in the request's language.",
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "object",
            "description": "Per field (or `non_field_errors`): what is wrong with it.",
            "additionalProperties": True,
        },
    },
    "required": ["type", "title", "status", "detail", "instance"],
}


class DecimalAsTheFieldReadsIt(OpenApiSerializerFieldExtension):
    """A decimal's pattern as the field validates it: at least one digit (drf-spectacular's
    own, `^-?\\d{0,N}(?:\\.\\d{0,M})?$`, let "" and "-" through), and no minus sign where
    the field takes nothing below zero (a weight, a fee, hours)."""

    target_class = "rest_framework.fields.DecimalField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):  # the extension's signature
        field = self.target
        places = field.decimal_places or 0
        whole = (field.max_digits - places) if field.max_digits is not None else None
        digits = rf"\d{{1,{whole}}}" if whole else r"\d+"
        number = rf"(?:{digits}(?:\.\d{{0,{places}}})?|\.\d{{1,{places}}})" if places else digits
        sign = "" if field.min_value is not None and field.min_value >= 0 else "-?"
        return {"type": "string", "format": "decimal", "pattern": f"^{sign}{number}$"}


class NonEmptyListField(OpenApiSerializerFieldExtension):
    """A list that refuses to be empty (`allow_empty=False`) says `minItems: 1`: drf-spectacular
    leaves it out, and schemathesis then sent `{"attendance": []}` as valid data and met a 400."""

    target_class = "rest_framework.fields.ListField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):  # the extension's signature
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if not self.target.allow_empty and schema is not None:
            schema["minItems"] = max(schema.get("minItems", 0), 1)
        return schema


class NonEmptyListSerializer(NonEmptyListField):
    """The same for a list of nested objects (`many=True`)."""

    target_class = "rest_framework.serializers.ListSerializer"


def document_problems(result, generator, request, public):  # drf-spectacular's hook signature
    """POSTPROCESSING_HOOK: the Problem schema and its statuses on every operation; request
    bodies that refuse unknown fields and date-times outside the era they accept."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        # Request bodies are StrictSerializers, which refuse a field they do not know.
        if name.endswith("Request") and component.get("type") == "object":
            component["additionalProperties"] = False
            for field in component.get("properties", {}).values():
                if field.get("format") == "date-time":
                    field["pattern"] = MOMENT_PATTERN
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    answer = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            problems = dict(PROBLEMS_OF_EVERY_OPERATION)
            if method in ("post", "put", "patch"):
                problems |= PROBLEMS_OF_WRITES
            for code, description in problems.items():
                responses.setdefault(code, {"description": description, "content": answer})
    return result
