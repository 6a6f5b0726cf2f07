// @generated from spec/openapi.yaml by tools/generate/generate.mjs. Do not edit: change the spec or the generator, then run `pnpm generate`.
/** The spec's named response examples: operationId -> status -> name -> body. */
export const examples: Record<string, Record<string, Record<string, unknown>>> = {
  "listWebhooks": {
    "200": {
      "webhooks": [
        {
          "created": "2019-08-24T14:15:22Z",
          "enabled": true,
          "endpoint": "https://example.com/my/webhook/endpoint",
          "events": [
            "NOTIFICATION.SMS.RECEIPT"
          ],
          "id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
          "updated": "2019-08-24T14:15:22Z"
        }
      ]
    },
    "404": {
      "noWebhooks": {
        "description": "No webhooks with that brand ID were found",
        "message": "NOT FOUND",
        "status": 404
      }
    },
    "500": {
      "internalError": {
        "description": "The server encountered an unexpected error.",
        "message": "Internal Server Error",
        "status": 500
      }
    }
  },
  "createWebhook": {
    "201": {
      "created": {
        "created": "2019-08-24T14:15:22Z",
        "enabled": true,
        "endpoint": "https://example.com/my/webhook/endpoint",
        "events": [
          "NOTIFICATION.SMS.RECEIPT"
        ],
        "id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "updated": "2019-08-24T14:15:22Z"
      }
    },
    "409": {
      "conflict": {
        "description": "A webhook for endpoint: http://example.com and eventTypes: [\"ORDER_EVENTS.OMS.ORDER_CREATED\"] already exists",
        "message": "CONFLICT",
        "status": 409
      }
    },
    "422": {
      "missingEndpoint": {
        "description": "There are errors in the request",
        "message": "UNPROCESSABLE ENTITY",
        "status": 422,
        "validations": {
          "endpoint": "endpoint is required"
        }
      }
    },
    "500": {
      "internalError": {
        "description": "The server encountered an unexpected error.",
        "message": "Internal Server Error",
        "status": 500
      }
    }
  },
  "getWebhook": {
    "200": {
      "webhook": {
        "created": "2019-08-24T14:15:22Z",
        "enabled": true,
        "endpoint": "https://example.com/my/webhook/endpoint",
        "events": [
          "NOTIFICATION.SMS.RECEIPT"
        ],
        "id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "updated": "2019-08-24T14:15:22Z"
      }
    },
    "404": {
      "webhookNotFound": {
        "description": "A webhook with ID: 123 for brandId: ABC was not found",
        "message": "NOT FOUND",
        "status": 404
      }
    },
    "500": {
      "internalError": {
        "description": "The server encountered an unexpected error.",
        "message": "Internal Server Error",
        "status": 500
      }
    }
  },
  "deleteWebhook": {
    "404": {
      "noWebhooks": {
        "description": "No webhooks with that brand ID were found",
        "message": "NOT FOUND",
        "status": 404
      }
    },
    "500": {
      "internalError": {
        "description": "The server encountered an unexpected error.",
        "message": "Internal Server Error",
        "status": 500
      }
    }
  },
  "updateWebhook": {
    "200": {
      "webhook": {
        "created": "2019-08-24T14:15:22Z",
        "enabled": true,
        "endpoint": "https://example.com/my/webhook/endpoint",
        "events": [
          "NOTIFICATION.SMS.RECEIPT"
        ],
        "id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "updated": "2019-08-24T14:15:22Z"
      }
    },
    "404": {
      "noWebhook": {
        "description": "No webhook with that brand ID was found",
        "message": "NOT FOUND",
        "status": 404
      }
    },
    "500": {
      "internalError": {
        "description": "The server encountered an unexpected error.",
        "message": "Internal Server Error",
        "status": 500
      }
    }
  },
  "listWebhookEvents": {
    "200": {
      "page": {
        "events": [
          {
            "created": "2019-08-24T14:15:22Z",
            "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
            "status": "SUCCESS",
            "type": "NOTIFICATION.SMS.RECEIPT",
            "updated": "2019-08-24T14:15:22Z"
          }
        ],
        "page": {
          "lastId": "5d237c8b-b229-4873-82bc-27c473efbd3c",
          "size": 20,
          "startId": "98f9f126-53de-4f4b-b662-04f587841743"
        }
      }
    },
    "404": {
      "noWebhook": {
        "description": "No webhook with that brand ID was found",
        "message": "NOT FOUND",
        "status": 404
      }
    },
    "500": {
      "internalError": {
        "description": "The server encountered an unexpected error.",
        "message": "Internal Server Error",
        "status": 500
      }
    }
  },
  "getWebhookEvent": {
    "200": {
      "event": {
        "attempts": [
          {
            "created": "2019-08-24T14:15:22Z",
            "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
            "request": {
              "endpoint": "https://example.com/my/webhook/endpoint",
              "headers": {
                "Content-Type": "application/json",
                "User-Agent": "FlexEngage Webhook"
              }
            },
            "response": {
              "body": "{\"example\": \"response json\"}",
              "headers": {
                "Content-Type": "application/json"
              },
              "statusCode": 200,
              "time": 231
            },
            "status": "SUCCESS"
          }
        ],
        "created": "2019-08-24T14:15:22Z",
        "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
        "status": "SUCCESS",
        "type": "NOTIFICATION.SMS.RECEIPT",
        "updated": "2019-08-24T14:15:22Z"
      }
    },
    "404": {
      "noEvent": {
        "description": "No event with that ID was found",
        "message": "NOT FOUND",
        "status": 404
      }
    },
    "500": {
      "internalError": {
        "description": "The server encountered an unexpected error.",
        "message": "Internal Server Error",
        "status": 500
      }
    }
  },
  "retryWebhookEvent": {
    "404": {
      "noEvent": {
        "description": "No event with that ID was found",
        "message": "NOT FOUND",
        "status": 404
      }
    },
    "500": {
      "internalError": {
        "description": "The server encountered an unexpected error.",
        "message": "Internal Server Error",
        "status": 500
      }
    }
  }
}
