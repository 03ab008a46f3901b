#!/usr/bin/env python3
"""Test helper on the SQS peer (botocore, so every request is signed):
  sqs_queue.py create NAME             prints the queue URL
  sqs_queue.py send URL FILE...        one message per file (its bytes as the body)
  sqs_queue.py count URL               messages left (visible + in flight)
Endpoint from MW_TEST_MOTO_ENDPOINT; credentials from the environment."""
import sys

import botocore.session


def client():
    import os
    session = botocore.session.get_session()
    return session.create_client("sqs", region_name="us-east-1", endpoint_url=os.environ["MW_TEST_MOTO_ENDPOINT"])


def main():
    sqs = client()
    if sys.argv[1] == "create":
        print(sqs.create_queue(QueueName=sys.argv[2], Attributes={"VisibilityTimeout": "30"})["QueueUrl"])
    elif sys.argv[1] == "send":
        for path in sys.argv[3:]:
            with open(path, encoding="utf-8") as f:
                sqs.send_message(QueueUrl=sys.argv[2], MessageBody=f.read())
    elif sys.argv[1] == "count":
        a = sqs.get_queue_attributes(QueueUrl=sys.argv[2], AttributeNames=["All"])["Attributes"]
        print(int(a["ApproximateNumberOfMessages"]) + int(a["ApproximateNumberOfMessagesNotVisible"]))


if __name__ == "__main__":
    main()
