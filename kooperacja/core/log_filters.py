"""Log filters. An expected refusal (403, 404 and the other 4xx answers) is one line in the log — what was
asked and the answer — never a traceback: the access functions refuse by raising, so without this filter every
refused page printed a stack trace in the development log and buried the real errors. Server errors (5xx) keep
their full traceback."""

import logging


class ExpectedClientErrors(logging.Filter):
    """Drop the traceback of a request logged with a 4xx status; keep the record itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
