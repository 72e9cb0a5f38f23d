/**
 * An error answered in OpenAI's shape, `{"error": {"message", "type", "param", "code"}}`, with its HTTP status, so
 * OpenAI clients raise their own typed errors (BadRequestError, NotFoundError, ...) with our message.
 */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly param: string | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
  }

  body(): { error: { message: string; type: string; param: string | null; code: string | null } } {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

/** 400 for a request field: the message starts with the field's name. */
export function badParam(param: string, why: string, code: string | null = 'invalid_value'): ApiError {
  return new ApiError(400, `${param}: ${why}`, 'invalid_request_error', param, code);
}

export function modelNotFound(model: string): ApiError {
  return new ApiError(404, `The model \`${model}\` does not exist (this server serves one checkpoint; see GET /v1/models)`, 'invalid_request_error', 'model', 'model_not_found');
}
