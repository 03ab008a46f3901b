#!/usr/bin/env python3
"""Writes a deterministic stream of SES published events as JSON Lines:
sends, deliveries, hard and soft bounces, complaints (and not-spam), and
re-deliveries of earlier lines, as a queue hands them out.
Usage: make_events.py SENDS SEED > events.jsonl"""
import json
import random
import sys


def mail(message_id, to):
    return {"timestamp": "2027-01-15T10:00:00.000Z", "messageId": message_id, "source": "news@example.com",
            "destination": [to]}


def main():
    sends, seed = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    lines = []
    for i in range(sends):
        mid = "0100018f%08d-evt" % i
        to = "user%d@example.net" % i
        lines.append({"eventType": "Send", "mail": mail(mid, to), "send": {}})
        roll = rng.random()
        if roll < 0.075:
            lines.append({"eventType": "Bounce", "mail": mail(mid, to), "bounce": {
                "bounceType": "Permanent", "bounceSubType": "General", "feedbackId": "fb-%d" % i,
                "timestamp": "2027-01-15T10:00:05.000Z", "reportingMTA": "dns; mx.example.net",
                "bouncedRecipients": [{"emailAddress": to, "action": "failed", "status": "5.1.1",
                                       "diagnosticCode": "smtp; 550 5.1.1 <%s>: user unknown" % to}]}})
        elif roll < 0.12:
            lines.append({"eventType": "Bounce", "mail": mail(mid, to), "bounce": {
                "bounceType": "Transient", "bounceSubType": "MailboxFull", "feedbackId": "fb-%d" % i,
                "timestamp": "2027-01-15T10:00:05.000Z",
                "bouncedRecipients": [{"emailAddress": to, "action": "failed", "status": "4.2.2",
                                       "diagnosticCode": "smtp; 452 4.2.2 mailbox full"}]}})
        elif roll < 0.135:
            kind = "not-spam" if rng.random() < 0.3 else "abuse"
            lines.append({"eventType": "Complaint", "mail": mail(mid, to), "complaint": {
                "feedbackId": "fc-%d" % i, "complaintFeedbackType": kind,
                "timestamp": "2027-01-15T10:01:00.000Z", "complainedRecipients": [{"emailAddress": to}]}})
        else:
            lines.append({"eventType": "Delivery", "mail": mail(mid, to), "delivery": {
                "timestamp": "2027-01-15T10:00:02.000Z", "recipients": [to], "smtpResponse": "250 2.0.0 OK"}})
        if lines and rng.random() < 0.05:
            lines.append(lines[rng.randrange(len(lines))])  # a re-delivery
    for line in lines:
        print(json.dumps(line))


if __name__ == "__main__":
    main()
