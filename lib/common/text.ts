// Characters no stored text may hold: C0 controls but tab, line feed and carriage return; DEL;
// C1; and lone UTF-16 surrogates. PostgreSQL refuses NUL in text, a lone surrogate has no UTF-8
// form (it would be stored as U+FFFD or refused), and the others end up in logs, YAML and AWS
// calls. lib/http/control-chars.ts refuses them in every request (400); the shared string
// schemas (schemas.ts) refuse them too (422), so forms show the field.
export const FORBIDDEN_TEXT =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `s` holds no control character and no lone surrogate. */
export const isCleanText = (s: string) => !FORBIDDEN_TEXT.test(s);

export const UNCLEAN_TEXT_MESSAGE = "Contains a control character or a broken Unicode character; remove it";
