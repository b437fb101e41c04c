# Writes ob_v3p0_achievementcredential_schema.json (run once; kept to show how the file was made).
import json

S = {"type": "string"}
URI = {"type": "string"}
DT = {"type": "string", "format": "date-time"}
JWS = {"type": "string", "pattern": "^[a-zA-Z0-9_-]+\\.[a-zA-Z0-9_-]*\\.[a-zA-Z0-9_-]+$"}
LANG = {"type": "string", "pattern": "^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$"}
EXT = {"type": "string", "pattern": "(ext:)[a-z|A-Z|0-9|.|-|_]+"}


def type_set():
    return {"oneOf": [{"type": "string"}, {"type": "array", "minItems": 1, "items": {"type": "string"}}]}


def ref(name):
    return {"$ref": f"#/$defs/{name}"}


def one_or_many(name):
    return {"oneOf": [ref(name), {"type": "array", "items": ref(name)}]}


def array_of(name):
    return {"type": "array", "items": ref(name)}


IDENTIFIER_TYPES = [
    "name",
    "sourcedId",
    "systemId",
    "productId",
    "userName",
    "accountId",
    "emailAddress",
    "nationalIdentityNumber",
    "isbn",
    "issn",
    "lisSourcedId",
    "oneRosterSourcedId",
    "sisSourcedId",
    "ltiContextId",
    "ltiDeploymentId",
    "ltiToolId",
    "ltiPlatformId",
    "ltiUserId",
    "identifier",
]
ACHIEVEMENT_TYPES = [
    "Achievement",
    "ApprenticeshipCertificate",
    "Assessment",
    "Assignment",
    "AssociateDegree",
    "Award",
    "Badge",
    "BachelorDegree",
    "Certificate",
    "CertificateOfCompletion",
    "Certification",
    "CommunityService",
    "Competency",
    "Course",
    "CoCurricular",
    "Degree",
    "Diploma",
    "DoctoralDegree",
    "Fieldwork",
    "GeneralEducationDevelopment",
    "JourneymanCertificate",
    "LearningProgram",
    "License",
    "Membership",
    "ProfessionalDoctorate",
    "QualityAssuranceCredential",
    "MasterCertificate",
    "MasterDegree",
    "MicroCredential",
    "ResearchDoctorate",
    "SecondarySchoolDiploma",
]

credential_props = lambda subject: {  # noqa: E731
    "@context": {"type": "array", "minItems": 1, "items": ref("Context")},
    "id": URI,
    "type": type_set(),
    "name": S,
    "description": S,
    "image": ref("Image"),
    "credentialSubject": ref(subject),
}
tail_props = {
    "issuer": ref("Profile"),
    "issuanceDate": DT,
    "expirationDate": DT,
    "awardedDate": DT,
    "proof": one_or_many("Proof"),
    "credentialSchema": one_or_many("CredentialSchema"),
    "credentialStatus": ref("CredentialStatus"),
    "refreshService": ref("RefreshService"),
    "termsOfUse": one_or_many("TermsOfUse"),
}

schema = {
    "$schema": "https://json-schema.org/draft/2019-09/schema#",
    "$id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
    "title": "JSON Schema for the AchievementCredential class.",
    "type": "object",
    "properties": {
        **credential_props("AchievementSubject"),
        "endorsement": array_of("EndorsementCredential"),
        "endorsementJwt": {"type": "array", "items": JWS},
        "evidence": array_of("Evidence"),
        **tail_props,
    },
    "required": ["@context", "id", "type", "name", "credentialSubject", "issuer", "issuanceDate"],
    "additionalProperties": True,
    "$defs": {
        "Context": {"anyOf": [{"type": "object"}, {"type": "string"}]},
        "TermsOfUse": {
            "type": "object",
            "properties": {"id": URI, "type": S},
            "required": ["type"],
            "additionalProperties": True,
        },
        "CredentialStatus": {
            "type": "object",
            "properties": {"id": URI, "type": S},
            "required": ["id", "type"],
            "additionalProperties": True,
        },
        "AchievementSubject": {
            "type": "object",
            "properties": {
                "id": URI,
                "type": type_set(),
                "activityEndDate": DT,
                "activityStartDate": DT,
                "creditsEarned": {"type": "number"},
                "achievement": ref("Achievement"),
                "identifier": array_of("IdentityObject"),
                "image": ref("Image"),
                "licenseNumber": S,
                "narrative": S,
                "result": array_of("Result"),
                "role": S,
                "source": ref("Profile"),
                "term": S,
            },
            "required": ["type", "achievement"],
            "additionalProperties": True,
        },
        "IdentityObject": {
            "type": "object",
            "properties": {
                "type": S,
                "hashed": {"type": "boolean"},
                "identityHash": S,
                "identityType": {"anyOf": [{"type": "string", "enum": IDENTIFIER_TYPES}, EXT]},
                "salt": S,
            },
            "required": ["type", "hashed", "identityHash", "identityType"],
            "additionalProperties": False,
        },
        "Evidence": {
            "type": "object",
            "properties": {
                "id": URI,
                "type": type_set(),
                "narrative": S,
                "name": S,
                "description": S,
                "genre": S,
                "audience": S,
            },
            "required": ["type"],
            "additionalProperties": True,
        },
        "EndorsementCredential": {
            "type": "object",
            "properties": {**credential_props("EndorsementSubject"), **tail_props},
            "required": ["@context", "type", "id", "name", "credentialSubject", "issuer", "issuanceDate"],
            "additionalProperties": True,
        },
        "Achievement": {
            "type": "object",
            "properties": {
                "id": URI,
                "type": type_set(),
                "alignment": array_of("Alignment"),
                "achievementType": {"anyOf": [{"type": "string", "enum": ACHIEVEMENT_TYPES}, EXT]},
                "creator": ref("Profile"),
                "creditsAvailable": {"type": "number"},
                "criteria": ref("Criteria"),
                "description": S,
                "endorsement": array_of("EndorsementCredential"),
                "endorsementJwt": {"type": "array", "items": JWS},
                "fieldOfStudy": S,
                "humanCode": S,
                "image": ref("Image"),
                "@language": LANG,
                "name": S,
                "otherIdentifier": array_of("IdentifierEntry"),
                "related": array_of("Related"),
                "resultDescription": array_of("ResultDescription"),
                "specialization": S,
                "tag": {"type": "array", "items": S},
                "version": S,
            },
            "required": ["id", "type", "criteria", "description", "name"],
            "additionalProperties": True,
        },
        "Alignment": {
            "type": "object",
            "properties": {
                "type": type_set(),
                "targetCode": S,
                "targetDescription": S,
                "targetName": S,
                "targetFramework": S,
                "targetType": {
                    "anyOf": [
                        {
                            "type": "string",
                            "enum": [
                                "ceasn:Competency",
                                "ceterms:Credential",
                                "CFItem",
                                "CFRubric",
                                "CFRubricCriterion",
                                "CFRubricCriterionLevel",
                                "CTDL",
                            ],
                        },
                        EXT,
                    ]
                },
                "targetUrl": S,
            },
            "required": ["type", "targetName", "targetUrl"],
            "additionalProperties": True,
        },
        "Criteria": {
            "type": "object",
            "properties": {"id": URI, "narrative": S},
            "required": [],
            "additionalProperties": True,
        },
        "IdentifierEntry": {
            "type": "object",
            "properties": {
                "type": S,
                "identifier": S,
                "identifierType": {"anyOf": [{"type": "string", "enum": IDENTIFIER_TYPES}, EXT]},
            },
            "required": ["type", "identifier", "identifierType"],
            "additionalProperties": False,
        },
        "Proof": {
            "type": "object",
            "properties": {
                "type": S,
                "created": DT,
                "cryptosuite": S,
                "challenge": S,
                "domain": S,
                "nonce": S,
                "proofPurpose": S,
                "proofValue": S,
                "verificationMethod": URI,
            },
            "required": ["type"],
            "additionalProperties": True,
        },
        "RefreshService": {
            "type": "object",
            "properties": {"id": URI, "type": S},
            "required": ["id", "type"],
            "additionalProperties": True,
        },
        "Image": {
            "type": "object",
            "properties": {"id": URI, "type": S, "caption": S},
            "required": ["id", "type"],
            "additionalProperties": False,
        },
        "EndorsementSubject": {
            "type": "object",
            "properties": {"id": URI, "type": type_set(), "endorsementComment": S},
            "required": ["id", "type"],
            "additionalProperties": True,
        },
        "Result": {
            "type": "object",
            "properties": {
                "type": type_set(),
                "achievedLevel": URI,
                "alignment": array_of("Alignment"),
                "resultDescription": URI,
                "status": {
                    "type": "string",
                    "enum": ["Completed", "Enrolled", "Failed", "InProgress", "OnHold", "Withdrew"],
                },
                "value": S,
            },
            "required": ["type"],
            "additionalProperties": True,
        },
        "ResultDescription": {
            "type": "object",
            "properties": {
                "id": URI,
                "type": type_set(),
                "alignment": array_of("Alignment"),
                "allowedValue": {"type": "array", "items": S},
                "name": S,
                "requiredLevel": URI,
                "requiredValue": S,
                "resultType": {
                    "anyOf": [
                        {
                            "type": "string",
                            "enum": [
                                "GradePointAverage",
                                "LetterGrade",
                                "Percent",
                                "PerformanceLevel",
                                "PredictedScore",
                                "RawScore",
                                "Result",
                                "RubricCriterion",
                                "RubricCriterionLevel",
                                "RubricScore",
                                "ScaledScore",
                                "Status",
                            ],
                        },
                        EXT,
                    ]
                },
                "rubricCriterionLevel": array_of("RubricCriterionLevel"),
                "valueMax": S,
                "valueMin": S,
            },
            "required": ["id", "type", "name", "resultType"],
            "additionalProperties": True,
        },
        "RubricCriterionLevel": {
            "type": "object",
            "properties": {
                "id": URI,
                "type": type_set(),
                "alignment": array_of("Alignment"),
                "description": S,
                "level": S,
                "name": S,
                "points": S,
            },
            "required": ["id", "type", "name"],
            "additionalProperties": True,
        },
        "Related": {
            "type": "object",
            "properties": {"id": URI, "type": type_set(), "@language": LANG, "version": S},
            "required": ["id", "type"],
            "additionalProperties": True,
        },
        "Profile": {
            "type": "object",
            "properties": {
                "id": URI,
                "type": type_set(),
                "name": S,
                "url": URI,
                "phone": S,
                "description": S,
                "endorsement": array_of("EndorsementCredential"),
                "endorsementJwt": {"type": "array", "items": JWS},
                "image": ref("Image"),
                "email": S,
                "address": ref("Address"),
                "otherIdentifier": array_of("IdentifierEntry"),
                "official": S,
                "parentOrg": ref("Profile"),
                "familyName": S,
                "givenName": S,
                "additionalName": S,
                "patronymicName": S,
                "honorificPrefix": S,
                "honorificSuffix": S,
                "familyNamePrefix": S,
                "dateOfBirth": {"type": "string", "format": "date"},
            },
            "required": ["id", "type"],
            "additionalProperties": True,
        },
        "Address": {
            "type": "object",
            "properties": {
                "type": type_set(),
                "addressCountry": S,
                "addressCountryCode": S,
                "addressRegion": S,
                "addressLocality": S,
                "streetAddress": S,
                "postOfficeBoxNumber": S,
                "postalCode": S,
                "geo": ref("GeoCoordinates"),
            },
            "required": ["type"],
            "additionalProperties": True,
        },
        "GeoCoordinates": {
            "type": "object",
            "properties": {"type": S, "latitude": {"type": "number"}, "longitude": {"type": "number"}},
            "required": ["type", "latitude", "longitude"],
            "additionalProperties": True,
        },
        "CredentialSchema": {
            "type": "object",
            "properties": {"id": URI, "type": S},
            "required": ["id", "type"],
            "additionalProperties": True,
        },
    },
}

with open("ob_v3p0_achievementcredential_schema.json", "w", encoding="utf-8") as handle:
    json.dump(schema, handle, indent=1, ensure_ascii=False)
    handle.write("\n")
