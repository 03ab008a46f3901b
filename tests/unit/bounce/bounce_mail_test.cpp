// The mail readers on small hand-written mails, one property each: which
// reader takes a mail, the recipients it names, and their classes.
#include <mailwarden/bounce.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace mailwarden;

namespace {

FeedbackEvent read(const std::string& mail) {
    auto e = parse_bounce_mail(mail);
    REQUIRE_MESSAGE(e.has_value(), e.error().describe());
    return std::move(*e);
}

const RecipientFeedback& recipient(const FeedbackEvent& e, std::string_view address) {
    for (const auto& r : e.recipients)
        if (r.address == address) return r;
    FAIL("no recipient " << address);
    return e.recipients.front();
}

const std::string dsn_head =
    "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\n"
    "To: sender@example.com\n"
    "Subject: Undelivered Mail Returned to Sender\n"
    "Message-ID: <bounce-1@mx.example.org>\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n"
    "\n"
    "--B\n"
    "Content-Type: text/plain\n"
    "\n"
    "<gone@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1 <gone@example.net>: Recipient address\n"
    "    rejected: User unknown in local recipient table (in reply to RCPT TO command)\n"
    "\n"
    "--B\n"
    "Content-Type: message/delivery-status\n"
    "\n"
    "Reporting-MTA: dns; mx.example.org\n"
    "\n";

const std::string dsn_tail =
    "--B\n"
    "Content-Type: message/rfc822\n"
    "\n"
    "From: sender@example.com\n"
    "To: gone@example.net, full@example.net\n"
    "Message-ID: <original-1@example.com>\n"
    "Subject: hello\n"
    "\n"
    "hello\n"
    "--B--\n";

}  // namespace

TEST_CASE("an RFC 3464 DSN: one recipient per group, Diagnostic-Code and Status classified") {
    const FeedbackEvent e = read(dsn_head +
                                 "Final-Recipient: rfc822; gone@example.net\n"
                                 "Original-Recipient: rfc822;Gone@example.net\n"
                                 "Action: failed\n"
                                 "Status: 5.1.1\n"
                                 "Remote-MTA: dns; mx.example.net\n"
                                 "Diagnostic-Code: smtp; 550 5.1.1 <gone@example.net>: Recipient address rejected:\n"
                                 "    User unknown in local recipient table\n"
                                 "\n"
                                 // Fields in another order, as some MTAs write them.
                                 "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full\n"
                                 "Status: 5.2.2\n"
                                 "Action: failed\n"
                                 "Final-Recipient: rfc822; full@example.net\n"
                                 "\n" +
                                 dsn_tail);
    CHECK(e.format == FeedbackFormat::dsn);
    CHECK(e.kind == FeedbackKind::bounce);
    REQUIRE(e.recipients.size() == 2);
    const auto& gone = recipient(e, "gone@example.net");
    CHECK(gone.bounce_class == BounceClass::hard);
    CHECK(gone.reason == BounceReason::user_unknown);
    CHECK(gone.status == "5.1.1");
    CHECK(gone.smtp_code == 550);
    CHECK(gone.remote_mta == "mx.example.net");
    CHECK(gone.original_recipient == "Gone@example.net");
    CHECK(gone.diagnostic ==
          "550 5.1.1 <gone@example.net>: Recipient address rejected: User unknown in local recipient table");
    const auto& full = recipient(e, "full@example.net");
    CHECK(full.bounce_class == BounceClass::soft);
    CHECK(full.reason == BounceReason::mailbox_full);
    CHECK(e.reporting_mta == "mx.example.org");
    CHECK(e.message_id == "original-1@example.com");
    CHECK(e.idempotency_key == "mail:bounce-1@mx.example.org");
    CHECK(gone.idempotency_key == "mail:bounce-1@mx.example.org|gone@example.net");
}

TEST_CASE("delayed and delivered DSNs are not bounces") {
    const FeedbackEvent delayed = read(dsn_head +
                                       "Final-Recipient: rfc822; slow@example.net\nAction: delayed\nStatus: 4.4.1\n"
                                       "Diagnostic-Code: X-Postfix; connect to mx.example.net[192.0.2.1]:25: Connection timed out\n\n" +
                                       dsn_tail);
    CHECK(delayed.kind == FeedbackKind::delay);
    CHECK(recipient(delayed, "slow@example.net").bounce_class == BounceClass::none);
    const FeedbackEvent delivered = read(dsn_head +
                                         "Final-Recipient: rfc822; ok@example.net\nAction: delivered\nStatus: 2.0.0\n\n" + dsn_tail);
    CHECK(delivered.kind == FeedbackKind::delivery);
    CHECK(recipient(delivered, "ok@example.net").reason == BounceReason::delivered);
}

TEST_CASE("DSN recipients: a site-internal Final-Recipient gives way; a part without groups leaves them to the text") {
    const FeedbackEvent rewritten = read(dsn_head +
                                         "Final-Recipient: rfc822; gone@mailstore\n"
                                         "Original-Recipient: rfc822; gone@example.net\n"
                                         "Action: failed\n"
                                         "Status: 5.2.2 (recipient reached disk quota)\n"
                                         "\n" +
                                         dsn_tail);
    REQUIRE(rewritten.recipients.size() == 1);
    CHECK(rewritten.recipients[0].address == "gone@example.net");
    CHECK(rewritten.recipients[0].reason == BounceReason::mailbox_full);

    const FeedbackEvent bare = read(
        "From: Mail Delivery System <>\n"
        "Subject: Delivery status notification\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n"
        "\n"
        "--B\n"
        "Content-Type: text/plain\n"
        "\n"
        "Delivery to the following recipients failed permanently:\n"
        "\n"
        "   * gone@example.net\n"
        "\n"
        "--B\n"
        "Content-Type: message/delivery-status\n"
        "\n"
        "Reporting-MTA: dns; mx.example.org\n"
        "Arrival-Date: Fri, 20 Jun 2008 20:23:54 +0200\n"
        "\n" +
        dsn_tail);
    CHECK(bare.kind == FeedbackKind::bounce);
    REQUIRE(bare.recipients.size() == 1);
    CHECK(bare.recipients[0].address == "gone@example.net");
    CHECK(bare.recipients[0].bounce_class != BounceClass::none);
}

TEST_CASE("plain-text delay notices are delays; a final report that mentions delay is not") {
    const std::string head =
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\n"
        "To: sender@example.com\n";
    const FeedbackEvent warning = read(head +
                                       "Subject: Warning: message 1abc-0001 delayed 24 hours\n"
                                       "\n"
                                       "A message that you sent has not yet been delivered to one or more of its\n"
                                       "recipients after more than 24 hours on the queue.\n"
                                       "\n"
                                       "The address to which the message has not yet been delivered is:\n"
                                       "\n"
                                       "  slow@example.net\n"
                                       "\n"
                                       "No action is required on your part. Delivery attempts will continue for\n"
                                       "some time.\n");
    CHECK(warning.format == FeedbackFormat::plain_bounce);
    CHECK(warning.kind == FeedbackKind::delay);
    REQUIRE(warning.recipients.size() == 1);
    CHECK(warning.recipients[0].address == "slow@example.net");
    CHECK(warning.recipients[0].bounce_class == BounceClass::none);

    const FeedbackEvent gave_up = read(head +
                                     "Subject: Mail delivery failed: returning message to sender\n"
                                     "\n"
                                     "A message that you sent has not yet been delivered after 5 days; this is\n"
                                     "a permanent error and the mail software is giving up:\n"
                                     "\n"
                                     "  slow@example.net\n"
                                     "    retry timeout exceeded\n");
    CHECK(gave_up.kind == FeedbackKind::bounce);
    REQUIRE(gave_up.recipients.size() == 1);
    CHECK(gave_up.recipients[0].bounce_class == BounceClass::soft);
}

TEST_CASE("a mail delivery program returning a message is a bounce whatever its language") {
    const FeedbackEvent e = read(
        "From: MAILER-DAEMON@mx.example.cn\n"
        "Content-Type: multipart/mixed; boundary=\"B\"\n"
        "\n"
        "--B\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "\n"
        "\xe9\x82\xae\xe4\xbb\xb6\xe6\x97\xa0\xe6\xb3\x95\xe6\x8a\x95\xe9\x80\x92\n"  // 邮件无法投递
        "\n"
        "<gone@example.net>:\n"
        "\n"
        "--B\n"
        "Content-Type: message/rfc822\n"
        "\n"
        "From: sender@example.com\n"
        "To: gone@example.net\n"
        "Subject: hello\n"
        "\n"
        "hello\n"
        "--B--\n");
    CHECK(e.format == FeedbackFormat::plain_bounce);
    REQUIRE(e.recipients.size() == 1);
    CHECK(e.recipients[0].address == "gone@example.net");
}

TEST_CASE("a 4xx reply is never hard, and a user unknown at DATA is a filter's") {
    const FeedbackEvent temp = read(dsn_head +
                                    "Final-Recipient: rfc822; a@example.net\nAction: failed\nStatus: 4.1.1\n"
                                    "Diagnostic-Code: smtp; 450 4.1.1 <a@example.net>: Recipient address rejected: User unknown\n\n" +
                                    dsn_tail);
    CHECK(recipient(temp, "a@example.net").bounce_class == BounceClass::soft);
    const FeedbackEvent filtered = read(
        "From: MAILER-DAEMON@mx.example.org\nTo: sender@example.com\nSubject: Undelivered Mail Returned to Sender\n\n"
        "<b@example.net>: host mx.example.net[192.0.2.1] said: 550 Unknown user b@example.net (in reply to end\n"
        "    of DATA command)\n");
    CHECK(filtered.format == FeedbackFormat::plain_bounce);
    CHECK(recipient(filtered, "b@example.net").reason == BounceReason::filtered);
    CHECK(recipient(filtered, "b@example.net").bounce_class == BounceClass::soft);
}

TEST_CASE("plain-text bounces: qmail's, Exim's with X-Failed-Recipients, a Japanese one") {
    const FeedbackEvent qmail = read(
        "From: MAILER-DAEMON@mx.example.org\nTo: sender@example.com\nSubject: failure notice\n\n"
        "Hi. This is the qmail-send program at mx.example.org.\n"
        "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
        "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
        "<one@example.net>:\n192.0.2.1 does not like recipient.\n"
        "Remote host said: 550 5.1.1 <one@example.net>... User Unknown\nGiving up on 192.0.2.1.\n\n"
        "<two@example.net>:\n192.0.2.1 does not like recipient.\n"
        "Remote host said: 552 5.2.2 <two@example.net>... Mailbox Full\nGiving up on 192.0.2.1.\n\n"
        "--- Below this line is a copy of the message.\n\n"
        "From: sender@example.com\nTo: one@example.net, two@example.net\n\nhi\n");
    CHECK(qmail.format == FeedbackFormat::plain_bounce);
    REQUIRE(qmail.recipients.size() == 2);
    CHECK(recipient(qmail, "one@example.net").bounce_class == BounceClass::hard);
    CHECK(recipient(qmail, "two@example.net").reason == BounceReason::mailbox_full);
    CHECK(recipient(qmail, "two@example.net").diagnostic == "Remote host said: 552 5.2.2 <two@example.net>... Mailbox Full");

    const FeedbackEvent exim = read(
        "From: Mail Delivery System <Mailer-Daemon@mx.example.org>\nTo: sender@example.com\n"
        "Subject: Mail delivery failed: returning message to sender\nAuto-Submitted: auto-replied\n"
        "X-Failed-Recipients: spam@example.net\n\n"
        "This message was created automatically by mail delivery software.\n\n"
        "A message that you sent could not be delivered to one or more of its\n"
        "recipients. This is a permanent error. The following address(es) failed:\n\n"
        "  spam@example.net\n"
        "    host mx.example.net [192.0.2.1]\n"
        "    SMTP error from remote mail server after end of data:\n"
        "    550 5.7.1 Message rejected as spam\n\n"
        "------ This is a copy of the message, including all the headers. ------\n\n"
        "From: sender@example.com\nTo: spam@example.net\n\nhi\n");
    CHECK(exim.format == FeedbackFormat::plain_bounce);  // not an auto-reply, despite its header
    CHECK(recipient(exim, "spam@example.net").reason == BounceReason::spam_detected);

    const FeedbackEvent japanese = read(
        "From: no-reply@mx.example.jp\nTo: sender@example.com\n"
        "Subject: =?ISO-2022-JP?B?GyRCJWEhPCVrGyhC?= =?ISO-2022-JP?B?GyRCJSglaSE8GyhC?=\n"
        "Content-Type: text/plain; charset=\"ISO-2022-JP\"\n\n"
        "\x1b$B%a!<%k%\\%C%/%9$,0lGU\x1b(B\n"
        "Could not be delivered to: <full@example.jp>\n");
    CHECK(japanese.format == FeedbackFormat::plain_bounce);
    CHECK(recipient(japanese, "full@example.jp").reason == BounceReason::mailbox_full);
}

// A report from a mail delivery program, without a DSN part.
FeedbackEvent daemon_report(const std::string& subject, const std::string& body) {
    return read("From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>\nTo: <sender@example.com>\nSubject: " +
                subject + "\n\n" + body);
}

TEST_CASE("plain-text bounces: bare local names take the reporter's domain; an expanded alias is no recipient") {
    const FeedbackEvent bare = daemon_report(
        "Mail Delivery Problem",
        "Sorry sender@example.com. Your mail to the following recipients could not be delivered because they "
        "are not accepting mail with attachments or embedded images:\n\tsomeone\n\tsomeone.else\n");
    REQUIRE(bare.recipients.size() == 2);
    CHECK(recipient(bare, "someone@mx.example.org").reason == BounceReason::policy_violation);
    CHECK(recipient(bare, "someone.else@mx.example.org").bounce_class == BounceClass::soft);

    // Sendmail names the alias a failed address was expanded from.
    const std::string fatal = "   ----- The following addresses had permanent fatal errors -----\n";
    const FeedbackEvent alias = daemon_report("Returned mail: see transcript for details",
                                              fatal + "final@example.net\n    (reason: 553 Sender Policy Framework (SPF) fail)\n"
                                                      "    (expanded from: <alias@example.org>)\n");
    CHECK(alias.recipients.size() == 1);
    CHECK(recipient(alias, "final@example.net").reason == BounceReason::auth_failure);
}

TEST_CASE("ARF complaints: Feedback-Type and Original-Rcpt-To") {
    const std::string arf =
        "From: feedback@arf.example.net\nTo: abuse@example.com\nSubject: FW: hello\n"
        "Content-Type: multipart/report; report-type=feedback-report; boundary=R\n\n"
        "--R\nContent-Type: text/plain\n\nThis is an email abuse report.\n"
        "--R\nContent-Type: message/feedback-report\n\n"
        "Feedback-Type: TYPE\nUser-Agent: Example-FBL/1.0\nVersion: 1\n"
        "Original-Rcpt-To: <reader@example.net>\nArrival-Date: Thu, 8 Mar 2025 14:00:00 EDT\n\n"
        "--R\nContent-Type: message/rfc822\n\nFrom: sender@example.com\nTo: reader@example.net\n"
        "Message-ID: <m@example.com>\n\nhi\n--R--\n";
    for (const std::string type : {"abuse", "fraud", "not-spam", "virus", "other"}) {
        std::string mail = arf;
        mail.replace(mail.find("TYPE"), 4, type);
        const FeedbackEvent e = read(mail);
        CHECK(e.format == FeedbackFormat::arf);
        CHECK(e.kind == FeedbackKind::complaint);
        CHECK(e.feedback_type == type);
        CHECK(e.message_id == "m@example.com");
        CHECK(recipient(e, "reader@example.net").reason == BounceReason::feedback);
        CHECK(recipient(e, "reader@example.net").bounce_class == BounceClass::none);
    }
}

TEST_CASE("auto-replies are not bounces: RFC 3834, X-Autoreply, Exchange's Automatic reply") {
    const char* mails[] = {
        "From: Reader <reader@example.net>\nTo: sender@example.com\nSubject: Re: hello\nAuto-Submitted: auto-replied\n\n"
        "I am away until Monday.\n",
        "From: reader@example.net\nTo: sender@example.com\nSubject: away\nX-Autoreply: yes\n\nI am away.\n",
        "From: Reader <reader@example.net>\nTo: sender@example.com\nSubject: Automatic reply: hello\n"
        "X-Auto-Response-Suppress: All\n\nI am out of the office.\n",
    };
    for (const char* mail : mails) {
        const FeedbackEvent e = read(mail);
        CHECK(e.format == FeedbackFormat::auto_reply);
        CHECK(e.kind == FeedbackKind::auto_reply);
        CHECK(recipient(e, "reader@example.net").reason == BounceReason::vacation);
        CHECK(recipient(e, "reader@example.net").bounce_class == BounceClass::none);
    }
}

TEST_CASE("an ordinary mail is a mail; its key is its content's hash when it has no Message-ID") {
    const FeedbackEvent e = read("From: a@example.com\nTo: b@example.net\nSubject: lunch?\n\nat noon\n");
    CHECK(e.format == FeedbackFormat::mail);
    CHECK(e.kind == FeedbackKind::other);
    CHECK(e.recipients.empty());
    CHECK(e.idempotency_key.starts_with("mail:sha256:"));
    CHECK(read("From: a@example.com\nTo: b@example.net\nSubject: lunch?\n\nat noon\n").idempotency_key ==
          e.idempotency_key);
}

TEST_CASE("an SES notification that came by mail") {
    const FeedbackEvent e = read(
        "From: AWS Notifications <no-reply@sns.amazonaws.com>\nSubject: AWS Notification Message\n\n"
        "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bounceSubType\":\"General\","
        "\"bouncedRecipients\":[{\"emailAddress\":\"gone@example.net\",\"status\":\"5.1.1\"}]},"
        "\"mail\":{\"messageId\":\"m-1\"}}\n--\nIf you wish to stop receiving notifications from this topic ...\n");
    CHECK(e.format == FeedbackFormat::ses_notification);
    CHECK(recipient(e, "gone@example.net").bounce_class == BounceClass::hard);
}

TEST_CASE("inputs over the size limit are refused") {
    const std::string huge(max_feedback_input + 1, 'a');
    const auto r = parse_bounce_mail(huge);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind() == errc::out_of_range);
    CHECK(parse_feedback(huge).error().kind() == errc::out_of_range);
}
