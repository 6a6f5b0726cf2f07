// @generated from spec/openapi.yaml by tools/generate.mjs. Do not edit: change the spec or the generator, then run `pnpm generate`.
/** The spec's named response examples: operationId -> status -> name -> body. */
export const examples: Record<string, Record<string, Record<string, unknown>>> = {
  "listWebhooks": {
    "200": {
      "webhooks": [
        {
          "id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
          "created": "2019-08-24T14:15:22Z",
          "updated": "2019-08-24T14:15:22Z",
          "endpoint": "https://example.com/my/webhook/endpoint",
          "events": [
            "NOTIFICATION.SMS.RECEIPT"
          ],
          "enabled": true
        }
      ]
    },
    "404": {
      "noWebhooks": {
        "message": "NOT FOUND",
        "description": "No webhooks with that brand ID were found",
        "status": 404
      }
    },
    "500": {
      "internalError": {
        "message": "Internal Server Error",
        "description": "The server encountered an unexpected error.",
        "status": 500
      }
    }
  },
  "createWebhook": {
    "201": {
      "created": {
        "id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "created": "2019-08-24T14:15:22Z",
        "updated": "2019-08-24T14:15:22Z",
        "endpoint": "https://example.com/my/webhook/endpoint",
        "events": [
          "NOTIFICATION.SMS.RECEIPT"
        ],
        "enabled": true
      }
    },
    "409": {
      "conflict": {
        "message": "CONFLICT",
        "description": "A webhook for endpoint: http://example.com and eventTypes: [\"ORDER_EVENTS.OMS.ORDER_CREATED\"] already exists",
        "status": 409
      }
    },
    "422": {
      "missingEndpoint": {
        "message": "UNPROCESSABLE ENTITY",
        "description": "There are errors in the request",
        "status": 422,
        "validations": {
          "endpoint": "endpoint is required"
        }
      }
    },
    "500": {
      "internalError": {
        "message": "Internal Server Error",
        "description": "The server encountered an unexpected error.",
        "status": 500
      }
    }
  },
  "getWebhook": {
    "200": {
      "webhook": {
        "id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "created": "2019-08-24T14:15:22Z",
        "updated": "2019-08-24T14:15:22Z",
        "endpoint": "https://example.com/my/webhook/endpoint",
        "events": [
          "NOTIFICATION.SMS.RECEIPT"
        ],
        "enabled": true
      }
    },
    "404": {
      "webhookNotFound": {
        "message": "NOT FOUND",
        "description": "A webhook with ID: 123 for brandId: ABC was not found",
        "status": 404
      }
    },
    "500": {
      "internalError": {
        "message": "Internal Server Error",
        "description": "The server encountered an unexpected error.",
        "status": 500
      }
    }
  },
  "deleteWebhook": {
    "404": {
      "noWebhooks": {
        "message": "NOT FOUND",
        "description": "No webhooks with that brand ID were found",
        "status": 404
      }
    },
    "500": {
      "internalError": {
        "message": "Internal Server Error",
        "description": "The server encountered an unexpected error.",
        "status": 500
      }
    }
  },
  "updateWebhook": {
    "200": {
      "webhook": {
        "id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "created": "2019-08-24T14:15:22Z",
        "updated": "2019-08-24T14:15:22Z",
        "endpoint": "https://example.com/my/webhook/endpoint",
        "events": [
          "NOTIFICATION.SMS.RECEIPT"
        ],
        "enabled": true
      }
    },
    "404": {
      "noWebhook": {
        "message": "NOT FOUND",
        "description": "No webhook with that brand ID was found",
        "status": 404
      }
    },
    "500": {
      "internalError": {
        "message": "Internal Server Error",
        "description": "The server encountered an unexpected error.",
        "status": 500
      }
    }
  },
  "listWebhookEvents": {
    "200": {
      "page": {
        "events": [
          {
            "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
            "type": "NOTIFICATION.SMS.RECEIPT",
            "created": "2019-08-24T14:15:22Z",
            "updated": "2019-08-24T14:15:22Z",
            "status": "SUCCESS"
          }
        ],
        "page": {
          "size": 20,
          "startId": "98f9f126-53de-4f4b-b662-04f587841743",
          "lastId": "5d237c8b-b229-4873-82bc-27c473efbd3c"
        }
      }
    },
    "404": {
      "noWebhook": {
        "message": "NOT FOUND",
        "description": "No webhook with that brand ID was found",
        "status": 404
      }
    },
    "500": {
      "internalError": {
        "message": "Internal Server Error",
        "description": "The server encountered an unexpected error.",
        "status": 500
      }
    }
  },
  "getWebhookEvent": {
    "200": {
      "event": {
        "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
        "type": "NOTIFICATION.SMS.RECEIPT",
        "created": "2019-08-24T14:15:22Z",
        "updated": "2019-08-24T14:15:22Z",
        "status": "SUCCESS",
        "attempts": [
          {
            "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
            "created": "2019-08-24T14:15:22Z",
            "status": "SUCCESS",
            "request": {
              "endpoint": "https://example.com/my/webhook/endpoint",
              "headers": {
                "User-Agent": "FlexEngage Webhook",
                "Content-Type": "application/json"
              }
            },
            "response": {
              "statusCode": 200,
              "headers": {
                "Content-Type": "application/json"
              },
              "body": "{\"example\": \"response json\"}",
              "time": 231
            }
          }
        ]
      }
    },
    "404": {
      "noEvent": {
        "message": "NOT FOUND",
        "description": "No event with that ID was found",
        "status": 404
      }
    },
    "500": {
      "internalError": {
        "message": "Internal Server Error",
        "description": "The server encountered an unexpected error.",
        "status": 500
      }
    }
  },
  "retryWebhookEvent": {
    "404": {
      "noEvent": {
        "message": "NOT FOUND",
        "description": "No event with that ID was found",
        "status": 404
      }
    },
    "500": {
      "internalError": {
        "message": "Internal Server Error",
        "description": "The server encountered an unexpected error.",
        "status": 500
      }
    }
  }
}
