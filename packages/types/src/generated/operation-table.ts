// @generated from spec/openapi.yaml by tools/generate.mjs. Do not edit: change the spec or the generator, then run `pnpm generate`.
/**
 * Every operation of spec/openapi.yaml: method, path template, parameters (location, required,
 * schema), request body schema and declared statuses. `$ref`s name an entry of `specSchemas`.
 */
export const operationTable = {
  "listWebhooks": {
    "method": "GET",
    "path": "/v1/{brandId}/webhooks",
    "summary": "Get Webhooks",
    "parameters": [
      {
        "name": "brandId",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      }
    ],
    "requestBody": null,
    "responses": {
      "200": {
        "content": true,
        "headers": []
      },
      "401": {
        "content": false,
        "headers": []
      },
      "403": {
        "content": false,
        "headers": []
      },
      "404": {
        "content": true,
        "headers": []
      },
      "429": {
        "content": false,
        "headers": [
          "Retry-After"
        ]
      },
      "500": {
        "content": true,
        "headers": []
      }
    }
  },
  "createWebhook": {
    "method": "POST",
    "path": "/v1/{brandId}/webhooks",
    "summary": "Create a New Webhook",
    "parameters": [
      {
        "name": "brandId",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      }
    ],
    "requestBody": {
      "required": true,
      "schema": {
        "$ref": "WebhookRequest"
      }
    },
    "responses": {
      "201": {
        "content": true,
        "headers": [
          "Location"
        ]
      },
      "401": {
        "content": false,
        "headers": []
      },
      "403": {
        "content": false,
        "headers": []
      },
      "409": {
        "content": true,
        "headers": []
      },
      "422": {
        "content": true,
        "headers": []
      },
      "429": {
        "content": false,
        "headers": [
          "Retry-After"
        ]
      },
      "500": {
        "content": true,
        "headers": []
      }
    }
  },
  "getWebhook": {
    "method": "GET",
    "path": "/v1/{brandId}/webhooks/{id}",
    "summary": "Get a webhook by ID",
    "parameters": [
      {
        "name": "brandId",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      }
    ],
    "requestBody": null,
    "responses": {
      "200": {
        "content": true,
        "headers": []
      },
      "401": {
        "content": false,
        "headers": []
      },
      "403": {
        "content": false,
        "headers": []
      },
      "404": {
        "content": true,
        "headers": []
      },
      "429": {
        "content": false,
        "headers": [
          "Retry-After"
        ]
      },
      "500": {
        "content": true,
        "headers": []
      }
    }
  },
  "deleteWebhook": {
    "method": "DELETE",
    "path": "/v1/{brandId}/webhooks/{id}",
    "summary": "Delete a Webhook",
    "parameters": [
      {
        "name": "brandId",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      }
    ],
    "requestBody": null,
    "responses": {
      "204": {
        "content": false,
        "headers": []
      },
      "401": {
        "content": false,
        "headers": []
      },
      "403": {
        "content": false,
        "headers": []
      },
      "404": {
        "content": true,
        "headers": []
      },
      "429": {
        "content": false,
        "headers": [
          "Retry-After"
        ]
      },
      "500": {
        "content": true,
        "headers": []
      }
    }
  },
  "updateWebhook": {
    "method": "PATCH",
    "path": "/v1/{brandId}/webhooks/{id}",
    "summary": "Toggle a Webhook On or Off",
    "parameters": [
      {
        "name": "brandId",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      }
    ],
    "requestBody": {
      "required": true,
      "schema": {
        "$ref": "WebhookPatchRequest"
      }
    },
    "responses": {
      "200": {
        "content": true,
        "headers": []
      },
      "204": {
        "content": false,
        "headers": []
      },
      "401": {
        "content": false,
        "headers": []
      },
      "403": {
        "content": false,
        "headers": []
      },
      "404": {
        "content": true,
        "headers": []
      },
      "429": {
        "content": false,
        "headers": [
          "Retry-After"
        ]
      },
      "500": {
        "content": true,
        "headers": []
      }
    }
  },
  "listWebhookEvents": {
    "method": "GET",
    "path": "/v1/{brandId}/webhooks/{id}/events",
    "summary": "Get the Events of a Webhook",
    "parameters": [
      {
        "name": "brandId",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      },
      {
        "name": "size",
        "in": "query",
        "required": false,
        "schema": {
          "type": "integer",
          "minimum": 1
        }
      },
      {
        "name": "start",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "format": "date-time"
        }
      },
      {
        "name": "end",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "format": "date-time"
        }
      },
      {
        "name": "startId",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      }
    ],
    "requestBody": null,
    "responses": {
      "200": {
        "content": true,
        "headers": []
      },
      "401": {
        "content": false,
        "headers": []
      },
      "403": {
        "content": false,
        "headers": []
      },
      "404": {
        "content": true,
        "headers": []
      },
      "429": {
        "content": false,
        "headers": [
          "Retry-After"
        ]
      },
      "500": {
        "content": true,
        "headers": []
      }
    }
  },
  "getWebhookEvent": {
    "method": "GET",
    "path": "/v1/{brandId}/webhooks/{id}/events/{eventId}",
    "summary": "Get a webhook event by ID",
    "parameters": [
      {
        "name": "brandId",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      },
      {
        "name": "eventId",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      }
    ],
    "requestBody": null,
    "responses": {
      "200": {
        "content": true,
        "headers": []
      },
      "401": {
        "content": false,
        "headers": []
      },
      "403": {
        "content": false,
        "headers": []
      },
      "404": {
        "content": true,
        "headers": []
      },
      "429": {
        "content": false,
        "headers": [
          "Retry-After"
        ]
      },
      "500": {
        "content": true,
        "headers": []
      }
    }
  },
  "retryWebhookEvent": {
    "method": "POST",
    "path": "/v1/{brandId}/webhooks/{id}/events/{eventId}/retry",
    "summary": "Asynchronously Retry a Webhook Event",
    "parameters": [
      {
        "name": "brandId",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      },
      {
        "name": "eventId",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      }
    ],
    "requestBody": null,
    "responses": {
      "202": {
        "content": false,
        "headers": []
      },
      "401": {
        "content": false,
        "headers": []
      },
      "403": {
        "content": false,
        "headers": []
      },
      "404": {
        "content": true,
        "headers": []
      },
      "429": {
        "content": false,
        "headers": [
          "Retry-After"
        ]
      },
      "500": {
        "content": true,
        "headers": []
      }
    }
  }
} as const

/** The order routes are matched in: static segments before parameters at each position. */
export const routeOrder = ["listWebhooks","createWebhook","deleteWebhook","getWebhook","updateWebhook","listWebhookEvents","getWebhookEvent","retryWebhookEvent"] as const

/** The spec's component schemas, reduced to their validation keywords. */
export const specSchemas = {
  "EventType": {
    "type": "string",
    "pattern": "^[A-Z0-9_]+(\\.[A-Z0-9_]+)*$",
    "example": "NOTIFICATION.SMS.RECEIPT"
  },
  "DeliveryStatus": {
    "type": "string",
    "example": "SUCCESS"
  },
  "WebhookRequest": {
    "type": "object",
    "required": [
      "endpoint",
      "events"
    ],
    "properties": {
      "endpoint": {
        "type": "string",
        "format": "uri",
        "example": "https://example.com/my/webhook/endpoint"
      },
      "events": {
        "type": "array",
        "minItems": 1,
        "items": {
          "$ref": "EventType"
        }
      },
      "enabled": {
        "type": "boolean",
        "default": true
      }
    }
  },
  "WebhookPatchRequest": {
    "type": "object",
    "required": [
      "enabled"
    ],
    "properties": {
      "enabled": {
        "type": "boolean"
      }
    }
  },
  "WebhookResponse": {
    "type": "object",
    "required": [
      "id",
      "created",
      "updated",
      "endpoint",
      "events",
      "enabled"
    ],
    "properties": {
      "id": {
        "type": "string",
        "format": "uuid"
      },
      "created": {
        "type": "string",
        "format": "date-time"
      },
      "updated": {
        "type": "string",
        "format": "date-time"
      },
      "endpoint": {
        "type": "string",
        "format": "uri"
      },
      "events": {
        "type": "array",
        "items": {
          "$ref": "EventType"
        }
      },
      "enabled": {
        "type": "boolean"
      }
    }
  },
  "WebhookEventSummary": {
    "type": "object",
    "required": [
      "id",
      "type",
      "created",
      "updated",
      "status"
    ],
    "properties": {
      "id": {
        "type": "string",
        "format": "uuid"
      },
      "type": {
        "$ref": "EventType"
      },
      "created": {
        "type": "string",
        "format": "date-time"
      },
      "updated": {
        "type": "string",
        "format": "date-time"
      },
      "status": {
        "$ref": "DeliveryStatus"
      }
    }
  },
  "WebhookEventsPage": {
    "type": "object",
    "required": [
      "size"
    ],
    "properties": {
      "size": {
        "type": "integer"
      },
      "startId": {
        "type": "string",
        "format": "uuid"
      },
      "lastId": {
        "type": "string",
        "format": "uuid"
      }
    }
  },
  "WebhookEventsResponsePage": {
    "type": "object",
    "required": [
      "events",
      "page"
    ],
    "properties": {
      "events": {
        "type": "array",
        "items": {
          "$ref": "WebhookEventSummary"
        }
      },
      "page": {
        "$ref": "WebhookEventsPage"
      }
    }
  },
  "WebhookEventResponse": {
    "type": "object",
    "required": [
      "id",
      "type",
      "created",
      "updated",
      "status",
      "attempts"
    ],
    "properties": {
      "id": {
        "type": "string",
        "format": "uuid"
      },
      "type": {
        "$ref": "EventType"
      },
      "created": {
        "type": "string",
        "format": "date-time"
      },
      "updated": {
        "type": "string",
        "format": "date-time"
      },
      "status": {
        "$ref": "DeliveryStatus"
      },
      "attempts": {
        "type": "array",
        "items": {
          "$ref": "WebhookEventAttempt"
        }
      }
    }
  },
  "WebhookEventAttempt": {
    "type": "object",
    "required": [
      "id",
      "created",
      "status",
      "request"
    ],
    "properties": {
      "id": {
        "type": "string",
        "format": "uuid"
      },
      "created": {
        "type": "string",
        "format": "date-time"
      },
      "status": {
        "$ref": "DeliveryStatus"
      },
      "request": {
        "$ref": "WebhookAttemptRequest"
      },
      "response": {
        "$ref": "WebhookAttemptResponse"
      }
    }
  },
  "WebhookAttemptRequest": {
    "type": "object",
    "required": [
      "endpoint",
      "headers"
    ],
    "properties": {
      "endpoint": {
        "type": "string",
        "format": "uri"
      },
      "headers": {
        "$ref": "HttpHeaders"
      }
    }
  },
  "WebhookAttemptResponse": {
    "type": "object",
    "required": [
      "statusCode",
      "headers",
      "body",
      "time"
    ],
    "properties": {
      "statusCode": {
        "type": "integer"
      },
      "headers": {
        "$ref": "HttpHeaders"
      },
      "body": {
        "type": "string"
      },
      "time": {
        "type": "integer",
        "minimum": 0
      }
    }
  },
  "HttpHeaders": {
    "type": "object",
    "additionalProperties": {
      "type": "string"
    }
  },
  "APIErrorResponse": {
    "type": "object",
    "properties": {
      "message": {
        "type": "string"
      },
      "description": {
        "type": "string"
      },
      "status": {
        "type": "number"
      },
      "validations": {
        "type": "object",
        "additionalProperties": {
          "type": "string"
        }
      }
    }
  },
  "EventEnvelope": {
    "type": "object",
    "required": [
      "id",
      "brandId",
      "webhookId",
      "attemptId",
      "created",
      "type",
      "data"
    ],
    "properties": {
      "id": {
        "type": "string",
        "example": "01F2SFVYVD0H873S2VRT8VQSPM"
      },
      "brandId": {
        "type": "string",
        "minLength": 1
      },
      "webhookId": {
        "type": "string",
        "format": "uuid"
      },
      "attemptId": {
        "type": "string"
      },
      "created": {
        "type": "string",
        "format": "date-time"
      },
      "type": {
        "$ref": "EventType"
      },
      "data": {
        "type": "object",
        "additionalProperties": true
      }
    },
    "example": {
      "id": "01F2SFVYVD0H873S2VRT8VQSPM",
      "brandId": "ACME",
      "webhookId": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
      "attemptId": "01F2SFW1B6YQ7ZK9N3V8C2D4EH",
      "created": "2019-08-24T14:15:22Z",
      "type": "NOTIFICATION.SMS.RECEIPT",
      "data": {
        "phoneNumber": "+15555550123",
        "message": "Thanks for your order! Your receipt is ready.",
        "locale": "en-US"
      }
    }
  },
  "SmsReceiptData": {
    "type": "object",
    "required": [
      "phoneNumber",
      "message",
      "locale"
    ],
    "properties": {
      "phoneNumber": {
        "type": "string",
        "pattern": "^\\+[1-9][0-9]{1,14}$",
        "example": "+15555550123"
      },
      "message": {
        "type": "string"
      },
      "locale": {
        "type": "string",
        "pattern": "^[a-z]{2,3}-[A-Z]{2}$",
        "example": "en-US"
      }
    }
  }
} as const
