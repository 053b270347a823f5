/// The OpenAPI 3.1 description of the JSON API, served at `/api/v1/openapi.json`. A test checks
/// that every API route the router has is described here and every path here is routed.
public enum OpenAPIDocument {
    /// The document as JSON text.
    public static let json = """
        {
          "openapi": "3.1.0",
          "info": {
            "title": "Redovisa API",
            "version": "1.0.0",
            "description": "Monthly activity reports: list, read, create, save and submit reports, and review them; the published templates; messages with the case officer; SUS registrations. Reports are started, saved and submitted through their template: a draft starts from the template's initial answers, every save answers with the template's verdict (check), and a submission with problems is refused with 422 and every problem in error.problems. Authentication: the session cookie of a login, where calls that change something also send the session's CSRF token (GET /api/v1/session) in X-CSRF-Token; or, for an integration, an API token an administrator made for a user (Authorization: Bearer rdv_…), which needs no CSRF token and is refused with 401 invalid_token when unknown or revoked. Access follows the caller's assignments; outside them the answer is 403 with the SUS message, and the attempt is audited."
          },
          "servers": [{ "url": "/api/v1" }],
          "security": [{ "session": [] }, { "bearer": [] }],
          "paths": {
            "/openapi.json": {
              "get": { "summary": "This document", "security": [], "responses": { "200": { "description": "The OpenAPI document", "content": { "application/json": {} } } } }
            },
            "/session": {
              "get": {
                "summary": "Who is logged in, and the CSRF token for changes",
                "responses": {
                  "200": { "description": "The session", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Session" } } } },
                  "401": { "$ref": "#/components/responses/Error" }
                }
              }
            },
            "/reports": {
              "get": {
                "summary": "Reports the caller may see, newest first",
                "parameters": [
                  { "name": "period", "in": "query", "schema": { "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$" } },
                  { "name": "status", "in": "query", "description": "Comma-separated statuses", "schema": { "type": "string" } },
                  { "name": "template", "in": "query", "schema": { "type": "string" } },
                  { "name": "provider", "in": "query", "schema": { "type": "integer", "format": "int64" } },
                  { "name": "limit", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": 1000, "default": 200 } }
                ],
                "responses": {
                  "200": { "description": "The reports", "content": { "application/json": { "schema": { "type": "object", "required": ["reports"], "properties": { "reports": { "type": "array", "items": { "$ref": "#/components/schemas/Report" } } } } } } },
                  "401": { "$ref": "#/components/responses/Error" },
                  "422": { "$ref": "#/components/responses/Error" }
                }
              },
              "post": {
                "summary": "Start a draft on the newest published version of a template, from its initial answers (answers given are laid over them)",
                "parameters": [{ "$ref": "#/components/parameters/CSRF" }],
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewDraft" } } } },
                "responses": {
                  "201": { "description": "The new draft with the template's verdict", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/CheckedReport" } } } },
                  "401": { "$ref": "#/components/responses/Error" },
                  "403": { "$ref": "#/components/responses/Error" },
                  "404": { "$ref": "#/components/responses/Error" },
                  "422": { "$ref": "#/components/responses/Error" }
                }
              }
            },
            "/reports/{id}": {
              "parameters": [{ "$ref": "#/components/parameters/ReportId" }],
              "get": {
                "summary": "One report (answers null for a protected identity the caller may not see)",
                "responses": {
                  "200": { "description": "The report", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Report" } } } },
                  "403": { "$ref": "#/components/responses/Error" },
                  "404": { "$ref": "#/components/responses/Error" }
                }
              },
              "put": {
                "summary": "Save the answers of a draft or returned report (problems are shown, never blocking)",
                "parameters": [{ "$ref": "#/components/parameters/CSRF" }],
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SaveDraft" } } } },
                "responses": {
                  "200": { "description": "The saved report, with its new revision and the template's verdict", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/CheckedReport" } } } },
                  "422": { "$ref": "#/components/responses/Error" },
                  "403": { "$ref": "#/components/responses/Error" },
                  "409": { "description": "Saved by someone else since expectedRevision (stale_revision), or no longer editable (invalid_transition)", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
                }
              }
            },
            "/reports/{id}/history": {
              "parameters": [{ "$ref": "#/components/parameters/ReportId" }],
              "get": {
                "summary": "The status history, oldest first",
                "responses": {
                  "200": { "description": "The history", "content": { "application/json": { "schema": { "type": "object", "required": ["history"], "properties": { "history": { "type": "array", "items": { "$ref": "#/components/schemas/StatusChange" } } } } } } },
                  "403": { "$ref": "#/components/responses/Error" },
                  "404": { "$ref": "#/components/responses/Error" }
                }
              }
            },
            "/reports/{id}/submit": {
              "parameters": [{ "$ref": "#/components/parameters/ReportId" }],
              "post": {
                "summary": "Submit (or resubmit) through the template: its window, then every rule; submitting again gives the same receipt",
                "parameters": [{ "$ref": "#/components/parameters/CSRF" }],
                "requestBody": { "required": false, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Submit" } } } },
                "responses": {
                  "200": { "description": "The receipt with the template's receipt text", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Receipt" } } } },
                  "403": { "$ref": "#/components/responses/Error" },
                  "409": { "description": "Outside the template's window (invalid_transition, field period), or saved since expectedRevision (stale_revision)", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
                  "422": { "description": "The template refused the answers: error.problems lists every problem, field by field", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
                }
              }
            },
            "/reports/{id}/return": {
              "parameters": [{ "$ref": "#/components/parameters/ReportId" }],
              "post": {
                "summary": "Return for completion (återremittering) with a comment; officers",
                "parameters": [{ "$ref": "#/components/parameters/CSRF" }],
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Review" } } } },
                "responses": {
                  "200": { "description": "The returned report", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Report" } } } },
                  "403": { "$ref": "#/components/responses/Error" },
                  "409": { "$ref": "#/components/responses/Error" },
                  "422": { "$ref": "#/components/responses/Error" }
                }
              }
            },
            "/reports/{id}/approve": {
              "parameters": [{ "$ref": "#/components/parameters/ReportId" }],
              "post": {
                "summary": "Approve, with an optional comment; officers",
                "parameters": [{ "$ref": "#/components/parameters/CSRF" }],
                "requestBody": { "required": false, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Review" } } } },
                "responses": {
                  "200": { "description": "The approved report", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Report" } } } },
                  "403": { "$ref": "#/components/responses/Error" },
                  "409": { "$ref": "#/components/responses/Error" }
                }
              }
            },
            "/templates": {
              "get": {
                "summary": "The newest published version of every template",
                "responses": {
                  "200": { "description": "The templates", "content": { "application/json": { "schema": { "type": "object", "required": ["templates"], "properties": { "templates": { "type": "array", "items": { "$ref": "#/components/schemas/TemplateSummary" } } } } } } },
                  "401": { "$ref": "#/components/responses/Error" }
                }
              }
            },
            "/templates/{id}": {
              "parameters": [
                { "name": "id", "in": "path", "required": true, "schema": { "type": "string", "pattern": "^[a-z0-9-]+$" } },
                { "name": "version", "in": "query", "description": "A published version; the newest when left out", "schema": { "type": "integer", "minimum": 1 } }
              ],
              "get": {
                "summary": "A template's description: its steps and fields, as the template engine describes it (form.describe in docs/scripting.md)",
                "responses": {
                  "200": { "description": "The description", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/TemplateDescription" } } } },
                  "401": { "$ref": "#/components/responses/Error" },
                  "404": { "$ref": "#/components/responses/Error" },
                  "422": { "$ref": "#/components/responses/Error" }
                }
              }
            },
            "/messages": {
              "get": {
                "summary": "The conversations with the case officer about the reports the caller may see, latest first, with unread counts",
                "responses": {
                  "200": { "description": "The conversations", "content": { "application/json": { "schema": { "type": "object", "required": ["conversations"], "properties": { "conversations": { "type": "array", "items": { "$ref": "#/components/schemas/ConversationSummary" } } } } } } },
                  "401": { "$ref": "#/components/responses/Error" }
                }
              }
            },
            "/reports/{id}/messages": {
              "parameters": [{ "$ref": "#/components/parameters/ReportId" }],
              "get": {
                "summary": "The report's conversation, oldest first; marks it read for the caller. Bodies about a protected identity the caller may not see are null",
                "responses": {
                  "200": { "description": "The conversation", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Conversation" } } } },
                  "403": { "$ref": "#/components/responses/Error" },
                  "404": { "$ref": "#/components/responses/Error" }
                }
              },
              "post": {
                "summary": "Write a message in the report's conversation (starting it); the reporter, provider staff or an officer with an assignment",
                "parameters": [{ "$ref": "#/components/parameters/CSRF" }],
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["body"], "properties": { "body": { "type": "string", "maxLength": 4000 } } } } } },
                "responses": {
                  "201": { "description": "The message", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Message" } } } },
                  "403": { "$ref": "#/components/responses/Error" },
                  "404": { "$ref": "#/components/responses/Error" },
                  "422": { "$ref": "#/components/responses/Error" }
                }
              }
            },
            "/people/{id}/sus-registrations": {
              "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "integer", "format": "int64" }, "description": "The participant (person) id" }],
              "get": {
                "summary": "A participant's SUS registrations: the register's rows and the starts of active interventions (sus-aktiv-insats reports); officers",
                "responses": {
                  "200": { "description": "The registrations", "content": { "application/json": { "schema": { "type": "object", "required": ["registrations", "activeStarts"], "properties": {
                    "registrations": { "type": "array", "items": { "$ref": "#/components/schemas/SUSRecord" } },
                    "activeStarts": { "type": "array", "items": { "$ref": "#/components/schemas/Report" } } } } } } },
                  "403": { "$ref": "#/components/responses/Error" },
                  "404": { "$ref": "#/components/responses/Error" }
                }
              },
              "post": {
                "summary": "Register the next step with its preconditions checked: the joint mapping's steps in order into the register; the start of an active intervention through the sus-aktiv-insats template (a refusal is 422 with problems, and nothing is stored); officers",
                "parameters": [{ "$ref": "#/components/parameters/CSRF" }],
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewSUSRegistration" } } } },
                "responses": {
                  "201": { "description": "What was registered: a row of the register, or a report with its receipt", "content": { "application/json": { "schema": { "type": "object", "properties": {
                    "registration": { "$ref": "#/components/schemas/SUSRegistration" }, "report": { "$ref": "#/components/schemas/Report" }, "receipt": { "$ref": "#/components/schemas/Receipt" } } } } } },
                  "403": { "$ref": "#/components/responses/Error" },
                  "422": { "$ref": "#/components/responses/Error" }
                }
              }
            },
            "/sus-registrations/{id}": {
              "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "integer", "format": "int64" } }],
              "delete": {
                "summary": "Delete a row of the SUS register (a registration cannot be edited: delete it, then register anew); officers",
                "parameters": [{ "$ref": "#/components/parameters/CSRF" }],
                "responses": {
                  "200": { "description": "The deleted registration", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SUSRegistration" } } } },
                  "403": { "$ref": "#/components/responses/Error" },
                  "404": { "$ref": "#/components/responses/Error" }
                }
              }
            },
            "/sus-active-starts/{id}": {
              "parameters": [{ "$ref": "#/components/parameters/ReportId" }],
              "delete": {
                "summary": "Delete a start of an active intervention (a sus-aktiv-insats report): it is withdrawn, with the reason in its history; officers",
                "parameters": [{ "$ref": "#/components/parameters/CSRF" }],
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["reason"], "properties": { "reason": { "type": "string" } } } } } },
                "responses": {
                  "200": { "description": "The withdrawn report", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Report" } } } },
                  "403": { "$ref": "#/components/responses/Error" },
                  "404": { "$ref": "#/components/responses/Error" },
                  "409": { "$ref": "#/components/responses/Error" },
                  "422": { "$ref": "#/components/responses/Error" }
                }
              }
            }
          },
          "components": {
            "securitySchemes": {
              "session": { "type": "apiKey", "in": "cookie", "name": "redovisa", "description": "The session cookie (__Host-redovisa when served over TLS)" },
              "bearer": { "type": "http", "scheme": "bearer", "description": "An API token (rdv_…) made by an administrator for one user (Administration → API-nycklar, or redovisa token create): the calls act as that user, with the same access rules and audit; no CSRF token is needed" }
            },
            "parameters": {
              "ReportId": { "name": "id", "in": "path", "required": true, "schema": { "type": "integer", "format": "int64" } },
              "CSRF": { "name": "X-CSRF-Token", "in": "header", "required": false, "schema": { "type": "string" }, "description": "The session's CSRF token: required with the session cookie, not with a bearer token" }
            },
            "responses": {
              "Error": { "description": "An error", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
            },
            "schemas": {
              "Error": {
                "type": "object", "required": ["error"],
                "properties": { "error": { "type": "object", "required": ["code", "message"], "properties": {
                  "code": { "type": "string", "examples": ["access_denied", "not_found", "invalid_input", "stale_revision", "invalid_transition", "csrf", "not_logged_in"] },
                  "message": { "type": "string", "description": "In Swedish, for a person" },
                  "field": { "type": "string" },
                  "problems": { "type": "array", "description": "When a template refused a submission: every problem, field by field",
                    "items": { "type": "object", "required": ["field", "message"], "properties": { "field": { "type": "string" }, "message": { "type": "string" } } } } } } }
              },
              "Session": {
                "type": "object", "required": ["username", "displayName", "roles"],
                "properties": { "username": { "type": "string" }, "displayName": { "type": "string" },
                  "roles": { "type": "array", "items": { "type": "string", "enum": ["reporter", "provider_staff", "officer", "administrator"] } },
                  "csrfToken": { "type": "string", "description": "For a session cookie; absent with a bearer token" } }
              },
              "Status": { "type": "string", "enum": ["draft", "submitted", "returned", "resubmitted", "approved", "withdrawn"] },
              "Report": {
                "type": "object", "required": ["id", "templateId", "templateVersion", "personId", "authorId", "answers", "status", "revision", "late", "createdAt", "updatedAt"],
                "properties": {
                  "id": { "type": "integer", "format": "int64" },
                  "templateId": { "type": "string" }, "templateVersion": { "type": "integer" },
                  "period": { "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$" },
                  "eventDate": { "type": "string", "format": "date" },
                  "personId": { "type": "integer", "format": "int64" }, "enrolmentId": { "type": "integer", "format": "int64" },
                  "authorId": { "type": "integer", "format": "int64" },
                  "answers": { "description": "The answers as the template defines them; null when withheld (protected identity)" },
                  "status": { "$ref": "#/components/schemas/Status" },
                  "revision": { "type": "integer" },
                  "caseNumber": { "type": "string", "examples": ["2025-000123"] },
                  "receiptHash": { "type": "string" },
                  "submittedAt": { "type": "string", "format": "date-time" }, "submittedBy": { "type": "integer", "format": "int64" },
                  "late": { "type": "boolean" },
                  "createdAt": { "type": "string", "format": "date-time" }, "updatedAt": { "type": "string", "format": "date-time" },
                  "responsibleOrganisationId": { "type": "integer", "format": "int64" }, "officeId": { "type": "integer", "format": "int64" },
                  "providerId": { "type": "integer", "format": "int64" }
                }
              },
              "NewDraft": {
                "type": "object", "required": ["templateId", "personId"],
                "properties": {
                  "templateId": { "type": "string" },
                  "templateVersion": { "type": "integer", "description": "Optional: the version the caller expects; refused (422) unless it is the newest published one" },
                  "period": { "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$", "description": "Required for a monthly template" },
                  "eventDate": { "type": "string", "format": "date" },
                  "personId": { "type": "integer", "format": "int64" }, "enrolmentId": { "type": "integer", "format": "int64" },
                  "copyPrevious": { "type": "boolean", "description": "Start from last month's answers of the same template and enrolment" },
                  "answers": { "type": "object", "description": "Laid over the template's initial answers and saved" }
                }
              },
              "Submit": { "type": "object", "properties": { "expectedRevision": { "type": "integer", "description": "The revision the answers were checked at" } } },
              "Problem": { "type": "object", "required": ["field", "message"], "properties": { "field": { "type": "string", "description": "The field's path: ar, aktiviteter[2].timmar; empty for the report as a whole" }, "message": { "type": "string" } } },
              "Check": {
                "type": "object", "required": ["valid", "errors", "warnings", "visible"],
                "properties": {
                  "valid": { "type": "boolean", "description": "Nothing blocks a submission (warnings never do)" },
                  "errors": { "type": "array", "items": { "$ref": "#/components/schemas/Problem" } },
                  "warnings": { "type": "array", "items": { "$ref": "#/components/schemas/Problem" } },
                  "visible": { "type": "array", "items": { "type": "string" }, "description": "The paths of the fields shown for these answers" }
                }
              },
              "CheckedReport": {
                "allOf": [{ "$ref": "#/components/schemas/Report" }, { "type": "object", "required": ["check"], "properties": { "check": { "$ref": "#/components/schemas/Check" } } }]
              },
              "TemplateSummary": {
                "type": "object", "required": ["id", "version", "title", "role", "about", "period", "hasWindow", "staffMayRegister"],
                "properties": {
                  "id": { "type": "string" }, "version": { "type": "integer" }, "title": { "type": "string" }, "description": { "type": "string" },
                  "role": { "type": "string", "enum": ["reporter", "provider", "officer", "administrator"] },
                  "about": { "type": "string", "enum": ["person", "enrolment"] },
                  "period": { "type": "string", "enum": ["month", "event"] },
                  "hasWindow": { "type": "boolean" }, "staffMayRegister": { "type": "boolean" }
                }
              },
              "TemplateField": {
                "type": "object", "required": ["id", "type", "at", "step", "required", "conditional", "computed", "not_applicable", "remember"],
                "properties": {
                  "id": { "type": "string" },
                  "type": { "type": "string", "enum": ["text", "textarea", "integer", "hours", "date", "date_range", "choice", "multi_choice", "yes_no", "personnummer", "email", "phone", "confirmation", "group", "info"] },
                  "label": { "type": "string" }, "help": { "type": "string" }, "placeholder": { "type": "string" },
                  "at": { "type": "string", "description": "Where the template defines it: templates/x.lua:31" },
                  "step": { "type": "integer" },
                  "required": { "type": "string", "enum": ["yes", "no", "depends"] },
                  "conditional": { "type": "boolean", "description": "Shown only for some answers" },
                  "computed": { "type": "boolean" }, "not_applicable": { "type": "boolean" }, "remember": { "type": "boolean" },
                  "text": { "type": "string" }, "max_length": { "type": "integer" }, "rows": { "type": "integer" },
                  "row_label": { "type": "string" }, "add_label": { "type": "string" },
                  "min": {}, "max": {}, "increment": { "type": "number" },
                  "options": { "type": "array", "items": { "type": "object", "required": ["value", "label"], "properties": { "value": { "type": "string" }, "label": { "type": "string" }, "help": { "type": "string" } } } },
                  "fields": { "type": "array", "description": "A group's fields", "items": { "$ref": "#/components/schemas/TemplateField" } }
                }
              },
              "TemplateDescription": {
                "type": "object", "required": ["id", "version", "title", "role", "about", "period", "at", "steps", "has_window", "staff_may_register", "has_migrate", "lint"],
                "properties": {
                  "id": { "type": "string" }, "version": { "type": "integer" }, "title": { "type": "string" }, "description": { "type": "string" },
                  "texts": { "type": "object", "additionalProperties": { "type": "string" }, "description": "Other texts by name; another is the link after the receipt" },
                  "role": { "type": "string", "enum": ["reporter", "provider", "officer", "administrator"] },
                  "about": { "type": "string" }, "period": { "type": "string", "enum": ["month", "event"] }, "at": { "type": "string" },
                  "steps": { "type": "array", "items": { "type": "object", "required": ["id", "title", "conditional", "fields"], "properties": {
                    "id": { "type": "string" }, "title": { "type": "string" }, "help": { "type": "string" }, "conditional": { "type": "boolean" },
                    "fields": { "type": "array", "items": { "$ref": "#/components/schemas/TemplateField" } } } } },
                  "has_window": { "type": "boolean" }, "staff_may_register": { "type": "boolean" }, "has_migrate": { "type": "boolean" },
                  "lint": { "type": "array", "items": { "type": "object", "properties": { "at": { "type": "string" }, "message": { "type": "string" } } } }
                }
              },
              "SaveDraft": {
                "type": "object", "required": ["answers", "expectedRevision"],
                "properties": { "answers": { "type": "object" }, "expectedRevision": { "type": "integer", "description": "The revision the editor started from" } }
              },
              "Review": { "type": "object", "properties": { "comment": { "type": "string" } } },
              "ConversationSummary": {
                "type": "object", "required": ["thread", "reportId", "templateId", "personId", "messageCount", "unread", "lastMessageAt"],
                "properties": {
                  "thread": { "$ref": "#/components/schemas/MessageThread" }, "reportId": { "type": "integer", "format": "int64" },
                  "caseNumber": { "type": "string" }, "templateId": { "type": "string" }, "personId": { "type": "integer", "format": "int64" },
                  "messageCount": { "type": "integer" }, "unread": { "type": "integer", "description": "Messages by others the caller has not read" },
                  "lastMessageAt": { "type": "string", "format": "date-time" } }
              },
              "MessageThread": {
                "type": "object", "required": ["id", "reportId", "subject", "createdAt"],
                "properties": { "id": { "type": "integer", "format": "int64" }, "reportId": { "type": "integer", "format": "int64" },
                  "subject": { "type": "string" }, "createdAt": { "type": "string", "format": "date-time" } }
              },
              "Conversation": {
                "type": "object", "required": ["reportId", "messages"],
                "properties": { "reportId": { "type": "integer", "format": "int64" }, "thread": { "$ref": "#/components/schemas/MessageThread" },
                  "messages": { "type": "array", "items": { "type": "object", "required": ["id", "authorId", "authorName", "mine", "sentAt"], "properties": {
                    "id": { "type": "integer", "format": "int64" }, "authorId": { "type": "integer", "format": "int64" },
                    "authorName": { "type": "string", "description": "Skyddad identitet when the author is a protected person the caller may not see" },
                    "mine": { "type": "boolean" }, "body": { "type": "string", "description": "Left out when withheld (a protected identity)" },
                    "sentAt": { "type": "string", "format": "date-time" } } } } }
              },
              "Message": {
                "type": "object", "required": ["id", "threadId", "authorId", "body", "sentAt"],
                "properties": { "id": { "type": "integer", "format": "int64" }, "threadId": { "type": "integer", "format": "int64" },
                  "authorId": { "type": "integer", "format": "int64" }, "body": { "type": "string" }, "sentAt": { "type": "string", "format": "date-time" } }
              },
              "SUSStep": { "type": "string", "enum": ["begaran_kartlaggning", "start_kartlaggning", "slut_kartlaggning", "start_aktiv_insats"] },
              "SUSTransition": { "type": "string", "enum": ["arbetsforberedande", "arbetslivsinriktad"] },
              "SUSRecord": {
                "type": "object", "required": ["id", "step", "date", "officeId", "office", "registeredBy", "registeredByName"],
                "properties": { "id": { "type": "integer", "format": "int64" }, "step": { "$ref": "#/components/schemas/SUSStep" },
                  "transition": { "$ref": "#/components/schemas/SUSTransition" }, "date": { "type": "string", "format": "date" },
                  "officeId": { "type": "integer", "format": "int64" }, "office": { "type": "string" },
                  "registeredBy": { "type": "integer", "format": "int64" }, "registeredByName": { "type": "string" } }
              },
              "SUSRegistration": {
                "type": "object", "required": ["id", "personId", "officeId", "step", "date", "registeredBy"],
                "properties": { "id": { "type": "integer", "format": "int64" }, "personId": { "type": "integer", "format": "int64" },
                  "officeId": { "type": "integer", "format": "int64" }, "step": { "$ref": "#/components/schemas/SUSStep" },
                  "transition": { "$ref": "#/components/schemas/SUSTransition" }, "date": { "type": "string", "format": "date" },
                  "registeredBy": { "type": "integer", "format": "int64" } }
              },
              "NewSUSRegistration": {
                "type": "object", "required": ["step", "date"],
                "properties": { "step": { "$ref": "#/components/schemas/SUSStep" },
                  "transition": { "$ref": "#/components/schemas/SUSTransition", "description": "Required for the end of the mapping (the planned kind) and the start of an active intervention" },
                  "date": { "type": "string", "format": "date" },
                  "officeId": { "type": "integer", "format": "int64", "description": "For a first registration; later ones take the office of the latest" } }
              },
              "StatusChange": {
                "type": "object", "required": ["id", "reportId", "status", "at"],
                "properties": { "id": { "type": "integer", "format": "int64" }, "reportId": { "type": "integer", "format": "int64" },
                  "status": { "$ref": "#/components/schemas/Status" }, "at": { "type": "string", "format": "date-time" },
                  "byUserId": { "type": "integer", "format": "int64" }, "onBehalfOf": { "type": "string" }, "comment": { "type": "string" } }
              },
              "Receipt": {
                "type": "object", "required": ["caseNumber", "submittedAt", "submittedBy", "templateId", "templateVersion", "hash"],
                "properties": { "caseNumber": { "type": "string" }, "submittedAt": { "type": "string", "format": "date-time" },
                  "submittedBy": { "type": "string", "description": "The display name of who submitted" },
                  "templateId": { "type": "string" }, "templateVersion": { "type": "integer" }, "hash": { "type": "string", "description": "SHA-256 (hex) of the canonical answers" },
                  "text": { "type": "string", "description": "The template's receipt text (on submission)" } }
              }
            }
          }
        }
        """
}
