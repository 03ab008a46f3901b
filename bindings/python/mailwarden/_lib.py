"""Locating and loading libmailwarden, and the prototype of every C function.

The library is loaded lazily on first use so that ``import mailwarden`` works
even where the shared library is absent; the first call then raises
:class:`~mailwarden.errors.LibraryNotFoundError`. A library whose ABI this
binding was not written for (``mw_version_compatible``) raises
:class:`~mailwarden.errors.IncompatibleLibraryError` instead.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import threading
from ctypes import (CFUNCTYPE, POINTER, c_char, c_char_p, c_double, c_int, c_int64, c_size_t, c_uint,
                    c_uint16, c_uint32, c_uint64, c_void_p)

from .errors import IncompatibleLibraryError, LibraryNotFoundError

ENV_VAR = "MAILWARDEN_LIBRARY"

#: The (major, minor) version of the C ABI this binding is written for.
TARGET_VERSION = (0, 6)

# The SONAME of that ABI (0.x minors may change the ABI, so the minor is part of it).
_SONAME = "libmailwarden.so.%d.%d" % TARGET_VERSION

# The copy a wheel carries, beside this file.
_BUNDLED = os.path.join(os.path.dirname(os.path.abspath(__file__)), _SONAME)


# Opaque handle types: one per C handle, so pointers cannot be mixed up. Each
# class bears the C type's name (tests/test_prototypes.py relies on it).
class mw_error(ctypes.Structure):
    """Opaque ``mw_error``."""


class mw_address_options(ctypes.Structure):
    """Opaque ``mw_address_options``."""


class mw_address_result(ctypes.Structure):
    """Opaque ``mw_address_result``."""


class mw_address_batch(ctypes.Structure):
    """Opaque ``mw_address_batch``."""


class mw_sender(ctypes.Structure):
    """Opaque ``mw_sender``."""


class mw_sender_list(ctypes.Structure):
    """Opaque ``mw_sender_list``."""


class mw_registry_options(ctypes.Structure):
    """Opaque ``mw_registry_options``."""


class mw_registry(ctypes.Structure):
    """Opaque ``mw_registry``."""


class mw_resolver_options(ctypes.Structure):
    """Opaque ``mw_resolver_options``."""


class mw_resolver(ctypes.Structure):
    """Opaque ``mw_resolver``."""


class mw_domain_report(ctypes.Structure):
    """Opaque ``mw_domain_report``."""


class mw_domain_record(ctypes.Structure):
    """Opaque ``mw_domain_record`` (borrowed from its report)."""


class mw_domain_finding(ctypes.Structure):
    """Opaque ``mw_domain_finding`` (borrowed from its report)."""


class mw_spf_outcome(ctypes.Structure):
    """Opaque ``mw_spf_outcome``."""


class mw_ses_options(ctypes.Structure):
    """Opaque ``mw_ses_options``."""


class mw_ses_client(ctypes.Structure):
    """Opaque ``mw_ses_client``."""


class mw_ses_identity(ctypes.Structure):
    """Opaque ``mw_ses_identity``."""


class mw_ses_identity_page(ctypes.Structure):
    """Opaque ``mw_ses_identity_page``."""


class mw_ses_suppressed_destination(ctypes.Structure):
    """Opaque ``mw_ses_suppressed_destination``."""


class mw_ses_suppression_page(ctypes.Structure):
    """Opaque ``mw_ses_suppression_page``."""


class mw_feedback(ctypes.Structure):
    """Opaque ``mw_feedback``."""


class mw_feedback_recipient(ctypes.Structure):
    """Opaque ``mw_feedback_recipient``."""


class mw_sns_options(ctypes.Structure):
    """Opaque ``mw_sns_options``."""


class mw_sns_verifier(ctypes.Structure):
    """Opaque ``mw_sns_verifier``."""


class mw_sns_envelope(ctypes.Structure):
    """Opaque ``mw_sns_envelope``."""


class mw_endpoint_options(ctypes.Structure):
    """Opaque ``mw_endpoint_options``."""


class mw_feedback_endpoint(ctypes.Structure):
    """Opaque ``mw_feedback_endpoint``."""


class mw_feedback_outcome(ctypes.Structure):
    """Opaque ``mw_feedback_outcome``."""


class mw_suppression(ctypes.Structure):
    """Opaque ``mw_suppression``."""


class mw_suppression_page(ctypes.Structure):
    """Opaque ``mw_suppression_page``."""


class mw_status_change(ctypes.Structure):
    """Opaque ``mw_status_change``."""


class mw_status_change_list(ctypes.Structure):
    """Opaque ``mw_status_change_list``."""


class mw_account_stats(ctypes.Structure):
    """Opaque ``mw_account_stats``."""


class mw_ingest_report(ctypes.Structure):
    """Opaque ``mw_ingest_report``."""


class mw_tracker_options(ctypes.Structure):
    """Opaque ``mw_tracker_options``."""


class mw_tracker(ctypes.Structure):
    """Opaque ``mw_tracker``."""


class mw_send_receipt(ctypes.Structure):
    """Opaque ``mw_send_receipt``."""


class mw_clean_options(ctypes.Structure):
    """Opaque ``mw_clean_options``."""


class mw_cleaner(ctypes.Structure):
    """Opaque ``mw_cleaner``."""


class mw_clean_verdict(ctypes.Structure):
    """Opaque ``mw_clean_verdict`` (always borrowed)."""


class mw_clean_stats(ctypes.Structure):
    """Opaque ``mw_clean_stats``."""


class mw_mailing_list(ctypes.Structure):
    """Opaque ``mw_mailing_list``."""


class mw_mailing_list_set(ctypes.Structure):
    """Opaque ``mw_mailing_list_set``."""


class mw_subscriber(ctypes.Structure):
    """Opaque ``mw_subscriber``."""


class mw_subscriber_set(ctypes.Structure):
    """Opaque ``mw_subscriber_set``."""


class mw_consent_log(ctypes.Structure):
    """Opaque ``mw_consent_log``."""


class mw_consent_entry(ctypes.Structure):
    """Opaque ``mw_consent_entry`` (borrowed from its log)."""


class mw_consent_facts(ctypes.Structure):
    """Opaque ``mw_consent_facts``."""


class mw_subscribe_outcome(ctypes.Structure):
    """Opaque ``mw_subscribe_outcome``."""


class mw_token_preview(ctypes.Structure):
    """Opaque ``mw_token_preview``."""


class mw_list_headers(ctypes.Structure):
    """Opaque ``mw_list_headers``."""


class mw_list_send_report(ctypes.Structure):
    """Opaque ``mw_list_send_report``."""


class mw_import_row(ctypes.Structure):
    """Opaque ``mw_import_row`` (borrowed inside the import callback)."""


class mw_import_summary(ctypes.Structure):
    """Opaque ``mw_import_summary``."""


class mw_purge_report(ctypes.Structure):
    """Opaque ``mw_purge_report``."""


class mw_purge_policy(ctypes.Structure):
    """Opaque ``mw_purge_policy``."""


class mw_lists_options(ctypes.Structure):
    """Opaque ``mw_lists_options``."""


class mw_lists(ctypes.Structure):
    """Opaque ``mw_lists``."""


class mw_message_check_options(ctypes.Structure):
    """Opaque ``mw_message_check_options``."""


class mw_dkim_check(ctypes.Structure):
    """Opaque ``mw_dkim_check`` (borrowed from its report)."""


class mw_auth_results(ctypes.Structure):
    """Opaque ``mw_auth_results`` (borrowed from its report)."""


class mw_message_report(ctypes.Structure):
    """Opaque ``mw_message_report``."""


class mw_dkim_sign_options(ctypes.Structure):
    """Opaque ``mw_dkim_sign_options``."""


class mw_dkim_signer(ctypes.Structure):
    """Opaque ``mw_dkim_signer``."""


class mw_dkim_key(ctypes.Structure):
    """Opaque ``mw_dkim_key``."""


class mw_readiness_input(ctypes.Structure):
    """Opaque ``mw_readiness_input``."""


class mw_readiness_rule(ctypes.Structure):
    """Opaque ``mw_readiness_rule`` (borrowed from its report)."""


class mw_readiness_report(ctypes.Structure):
    """Opaque ``mw_readiness_report``."""


class mw_content_options(ctypes.Structure):
    """Opaque ``mw_content_options``."""


class mw_content_link(ctypes.Structure):
    """Opaque ``mw_content_link`` (borrowed from its report)."""


class mw_content_report(ctypes.Structure):
    """Opaque ``mw_content_report``."""


ErrorPtr = POINTER(mw_error)
OptionsPtr = POINTER(mw_address_options)
ResultPtr = POINTER(mw_address_result)
BatchPtr = POINTER(mw_address_batch)
SenderPtr = POINTER(mw_sender)
SenderListPtr = POINTER(mw_sender_list)
RegistryOptionsPtr = POINTER(mw_registry_options)
RegistryPtr = POINTER(mw_registry)
ResolverOptionsPtr = POINTER(mw_resolver_options)
ResolverPtr = POINTER(mw_resolver)
DomainReportPtr = POINTER(mw_domain_report)
DomainRecordPtr = POINTER(mw_domain_record)
DomainFindingPtr = POINTER(mw_domain_finding)
SpfOutcomePtr = POINTER(mw_spf_outcome)
SesOptionsPtr = POINTER(mw_ses_options)
SesClientPtr = POINTER(mw_ses_client)
SesIdentityPtr = POINTER(mw_ses_identity)
SesIdentityPagePtr = POINTER(mw_ses_identity_page)
SuppressedDestinationPtr = POINTER(mw_ses_suppressed_destination)
SesSuppressionPagePtr = POINTER(mw_ses_suppression_page)
FeedbackPtr = POINTER(mw_feedback)
FeedbackRecipientPtr = POINTER(mw_feedback_recipient)
SnsOptionsPtr = POINTER(mw_sns_options)
SnsVerifierPtr = POINTER(mw_sns_verifier)
SnsEnvelopePtr = POINTER(mw_sns_envelope)
EndpointOptionsPtr = POINTER(mw_endpoint_options)
FeedbackEndpointPtr = POINTER(mw_feedback_endpoint)
FeedbackOutcomePtr = POINTER(mw_feedback_outcome)
SuppressionPtr = POINTER(mw_suppression)
SuppressionPagePtr = POINTER(mw_suppression_page)
StatusChangePtr = POINTER(mw_status_change)
StatusChangeListPtr = POINTER(mw_status_change_list)
AccountStatsPtr = POINTER(mw_account_stats)
IngestReportPtr = POINTER(mw_ingest_report)
TrackerOptionsPtr = POINTER(mw_tracker_options)
TrackerPtr = POINTER(mw_tracker)
SendReceiptPtr = POINTER(mw_send_receipt)
CleanOptionsPtr = POINTER(mw_clean_options)
CleanerPtr = POINTER(mw_cleaner)
CleanVerdictPtr = POINTER(mw_clean_verdict)
CleanStatsPtr = POINTER(mw_clean_stats)
MailingListPtr = POINTER(mw_mailing_list)
MailingListSetPtr = POINTER(mw_mailing_list_set)
SubscriberPtr = POINTER(mw_subscriber)
SubscriberSetPtr = POINTER(mw_subscriber_set)
ConsentLogPtr = POINTER(mw_consent_log)
ConsentEntryPtr = POINTER(mw_consent_entry)
ConsentFactsPtr = POINTER(mw_consent_facts)
SubscribeOutcomePtr = POINTER(mw_subscribe_outcome)
TokenPreviewPtr = POINTER(mw_token_preview)
ListHeadersPtr = POINTER(mw_list_headers)
ListSendReportPtr = POINTER(mw_list_send_report)
ImportRowPtr = POINTER(mw_import_row)
ImportSummaryPtr = POINTER(mw_import_summary)
PurgeReportPtr = POINTER(mw_purge_report)
PurgePolicyPtr = POINTER(mw_purge_policy)
ListsOptionsPtr = POINTER(mw_lists_options)
ListsPtr = POINTER(mw_lists)
MessageCheckOptionsPtr = POINTER(mw_message_check_options)
DkimCheckPtr = POINTER(mw_dkim_check)
AuthResultsPtr = POINTER(mw_auth_results)
MessageReportPtr = POINTER(mw_message_report)
DkimSignOptionsPtr = POINTER(mw_dkim_sign_options)
DkimSignerPtr = POINTER(mw_dkim_signer)
DkimKeyPtr = POINTER(mw_dkim_key)
ReadinessInputPtr = POINTER(mw_readiness_input)
ReadinessRulePtr = POINTER(mw_readiness_rule)
ReadinessReportPtr = POINTER(mw_readiness_report)
ContentOptionsPtr = POINTER(mw_content_options)
ContentLinkPtr = POINTER(mw_content_link)
ContentReportPtr = POINTER(mw_content_report)
_ErrOut = POINTER(ErrorPtr)

# mw_state_change_fn: (const mw_sender *, int from, int to, void *user_data).
StateChangeFn = CFUNCTYPE(None, SenderPtr, c_int, c_int, c_void_p)
# mw_tracker_status_fn: (const mw_status_change *, void *user_data).
TrackerStatusFn = CFUNCTYPE(None, StatusChangePtr, c_void_p)
# mw_clean_verdict_fn: (const mw_clean_verdict *, void *user_data).
CleanVerdictFn = CFUNCTYPE(None, CleanVerdictPtr, c_void_p)
# mw_clean_progress_fn: (const mw_clean_stats *, void *user_data).
CleanProgressFn = CFUNCTYPE(None, CleanStatsPtr, c_void_p)
# mw_import_row_fn: (const mw_import_row *, void *user_data).
ImportRowFn = CFUNCTYPE(None, ImportRowPtr, c_void_p)

# name: (restype, argtypes) for every function of include/mailwarden.h.
# Conventions: a borrowed "const char *" is c_char_p; a "char *" the caller
# owns (freed with mw_string_free) is c_void_p, so "char **out" is
# POINTER(c_void_p); string arrays ("const char *const *") are
# POINTER(c_char_p); each opaque "T *" is POINTER(T).
_PROTOTYPES = {
    # version and status names
    "mw_version": (c_char_p, []),
    "mw_version_number": (c_int, []),
    "mw_version_compatible": (c_int, [c_int, c_int]),
    "mw_status_name": (c_char_p, [c_int]),
    # errors and library strings
    "mw_error_code": (c_int, [ErrorPtr]),
    "mw_error_message": (c_char_p, [ErrorPtr]),
    "mw_error_origin": (c_char_p, [ErrorPtr]),
    "mw_error_service_code": (c_char_p, [ErrorPtr]),
    "mw_error_http_status": (c_int, [ErrorPtr]),
    "mw_error_request_id": (c_char_p, [ErrorPtr]),
    "mw_error_dns_rcode": (c_int, [ErrorPtr]),
    "mw_error_attempts": (c_int, [ErrorPtr]),
    "mw_error_retryable": (c_int, [ErrorPtr]),
    "mw_error_outcome_unknown": (c_int, [ErrorPtr]),
    "mw_error_free": (None, [ErrorPtr]),
    "mw_string_free": (None, [c_void_p]),
    # address options
    "mw_address_reason_name": (c_char_p, [c_int]),
    "mw_address_options_new": (c_int, [POINTER(OptionsPtr), _ErrOut]),
    "mw_address_options_free": (None, [OptionsPtr]),
    "mw_address_options_set_allow_quoted_local": (c_int, [OptionsPtr, c_int, _ErrOut]),
    "mw_address_options_set_allow_address_literal": (c_int, [OptionsPtr, c_int, _ErrOut]),
    "mw_address_options_set_allow_special_use": (c_int, [OptionsPtr, c_int, _ErrOut]),
    "mw_address_options_set_reject_role": (c_int, [OptionsPtr, c_int, _ErrOut]),
    "mw_address_options_set_reject_noreply": (c_int, [OptionsPtr, c_int, _ErrOut]),
    # single check and result accessors
    "mw_address_check": (c_int, [POINTER(ResultPtr), c_char_p, c_size_t, OptionsPtr, _ErrOut]),
    "mw_address_result_free": (None, [ResultPtr]),
    "mw_address_result_input": (c_char_p, [ResultPtr]),
    "mw_address_result_normalized": (c_char_p, [ResultPtr]),
    "mw_address_result_local_part": (c_char_p, [ResultPtr]),
    "mw_address_result_domain": (c_char_p, [ResultPtr]),
    "mw_address_result_verdict": (c_int, [ResultPtr]),
    "mw_address_result_is_valid": (c_int, [ResultPtr]),
    "mw_address_result_reason": (c_int, [ResultPtr]),
    "mw_address_result_message": (c_char_p, [ResultPtr]),
    "mw_address_result_flags": (c_uint, [ResultPtr]),
    "mw_address_result_to_json": (c_int, [POINTER(c_void_p), ResultPtr, _ErrOut]),
    # batch
    "mw_address_check_batch": (
        c_int,
        [POINTER(BatchPtr), POINTER(c_char_p), POINTER(c_size_t), c_size_t, OptionsPtr, _ErrOut]),
    "mw_address_batch_count": (c_size_t, [BatchPtr]),
    "mw_address_batch_valid_count": (c_size_t, [BatchPtr]),
    "mw_address_batch_get": (ResultPtr, [BatchPtr, c_size_t]),
    "mw_address_batch_free": (None, [BatchPtr]),
    # sender snapshots and lists
    "mw_sender_id": (c_char_p, [SenderPtr]),
    "mw_sender_account": (c_char_p, [SenderPtr]),
    "mw_sender_type": (c_char_p, [SenderPtr]),
    "mw_sender_address": (c_char_p, [SenderPtr]),
    "mw_sender_alias": (c_char_p, [SenderPtr]),
    "mw_sender_state": (c_int, [SenderPtr]),
    "mw_sender_state_name": (c_char_p, [c_int]),
    "mw_sender_created_at": (c_int64, [SenderPtr]),
    "mw_sender_requested_at": (c_int64, [SenderPtr]),
    "mw_sender_expires_at": (c_int64, [SenderPtr]),
    "mw_sender_verified_at": (c_int64, [SenderPtr]),
    "mw_sender_failed_at": (c_int64, [SenderPtr]),
    "mw_sender_failure_reason": (c_char_p, [SenderPtr]),
    "mw_sender_warning_count": (c_size_t, [SenderPtr]),
    "mw_sender_warning_get": (c_char_p, [SenderPtr, c_size_t]),
    "mw_sender_to_json": (c_int, [POINTER(c_void_p), SenderPtr, c_int, _ErrOut]),
    "mw_sender_free": (None, [SenderPtr]),
    "mw_sender_list_count": (c_size_t, [SenderListPtr]),
    "mw_sender_list_get": (SenderPtr, [SenderListPtr, c_size_t]),
    "mw_sender_list_free": (None, [SenderListPtr]),
    # registry options
    "mw_registry_options_new": (c_int, [POINTER(RegistryOptionsPtr), _ErrOut]),
    "mw_registry_options_free": (None, [RegistryOptionsPtr]),
    "mw_registry_options_set_store_path": (c_int, [RegistryOptionsPtr, c_char_p, _ErrOut]),
    "mw_registry_options_set_outbox": (c_int, [RegistryOptionsPtr, c_char_p, _ErrOut]),
    "mw_registry_options_set_link_lifetime": (c_int, [RegistryOptionsPtr, c_int64, _ErrOut]),
    "mw_registry_options_set_default_account": (c_int, [RegistryOptionsPtr, c_char_p, _ErrOut]),
    "mw_registry_options_set_reject_noreply": (c_int, [RegistryOptionsPtr, c_int, _ErrOut]),
    "mw_registry_options_set_reject_role": (c_int, [RegistryOptionsPtr, c_int, _ErrOut]),
    "mw_registry_options_set_allow_special_use": (c_int, [RegistryOptionsPtr, c_int, _ErrOut]),
    "mw_registry_options_set_manual_clock": (c_int, [RegistryOptionsPtr, c_int64, _ErrOut]),
    "mw_registry_options_set_dkim_keys": (c_int, [RegistryOptionsPtr, c_char_p, _ErrOut]),
    # registry
    "mw_registry_open": (c_int, [POINTER(RegistryPtr), RegistryOptionsPtr, _ErrOut]),
    "mw_registry_free": (None, [RegistryPtr]),
    "mw_registry_add": (
        c_int, [POINTER(SenderPtr), RegistryPtr, c_char_p, c_char_p, c_char_p, _ErrOut]),
    "mw_registry_get": (c_int, [POINTER(SenderPtr), RegistryPtr, c_char_p, c_char_p, _ErrOut]),
    "mw_registry_list": (c_int, [POINTER(SenderListPtr), RegistryPtr, c_int, c_char_p, _ErrOut]),
    "mw_registry_resend": (c_int, [POINTER(SenderPtr), RegistryPtr, c_char_p, c_char_p, _ErrOut]),
    "mw_registry_remove": (c_int, [RegistryPtr, c_char_p, c_int, c_char_p, _ErrOut]),
    "mw_registry_refresh": (c_int, [POINTER(c_int), POINTER(c_int), RegistryPtr, _ErrOut]),
    "mw_registry_confirm": (c_int, [POINTER(c_void_p), RegistryPtr, c_char_p, _ErrOut]),
    "mw_registry_last_link": (c_int, [POINTER(c_void_p), RegistryPtr, c_char_p, _ErrOut]),
    "mw_registry_send": (
        c_int,
        [POINTER(c_void_p), RegistryPtr, c_char_p, POINTER(c_char_p), c_size_t, c_char_p, c_char_p,
         c_char_p, c_char_p, _ErrOut]),
    "mw_registry_advance_clock": (c_int, [RegistryPtr, c_int64, _ErrOut]),
    "mw_registry_subscribe": (
        c_int, [POINTER(c_int), RegistryPtr, StateChangeFn, c_void_p, _ErrOut]),
    "mw_registry_unsubscribe": (c_int, [RegistryPtr, c_int, _ErrOut]),
    "mw_registry_start_refresher": (c_int, [RegistryPtr, c_int64, _ErrOut]),
    "mw_registry_stop_refresher": (None, [RegistryPtr]),
    # DNS resolver
    "mw_resolver_options_new": (c_int, [POINTER(ResolverOptionsPtr), _ErrOut]),
    "mw_resolver_options_free": (None, [ResolverOptionsPtr]),
    "mw_resolver_options_add_server": (c_int, [ResolverOptionsPtr, c_char_p, _ErrOut]),
    "mw_resolver_options_set_timeout_ms": (c_int, [ResolverOptionsPtr, c_int64, _ErrOut]),
    "mw_resolver_options_set_tries": (c_int, [ResolverOptionsPtr, c_int, _ErrOut]),
    "mw_resolver_options_set_cache": (c_int, [ResolverOptionsPtr, c_int, _ErrOut]),
    "mw_resolver_open": (c_int, [POINTER(ResolverPtr), ResolverOptionsPtr, _ErrOut]),
    "mw_resolver_free": (None, [ResolverPtr]),
    # domain authentication report
    "mw_verdict_name": (c_char_p, [c_int]),
    "mw_severity_name": (c_char_p, [c_int]),
    "mw_record_status_name": (c_char_p, [c_int]),
    "mw_domain_check": (
        c_int,
        [POINTER(DomainReportPtr), ResolverPtr, c_char_p, c_char_p, POINTER(c_char_p), c_size_t,
         c_char_p, _ErrOut]),
    "mw_domain_check_with_keys": (
        c_int,
        [POINTER(DomainReportPtr), ResolverPtr, c_char_p, c_char_p, POINTER(c_char_p), c_size_t,
         c_char_p, c_char_p, _ErrOut]),
    "mw_domain_report_free": (None, [DomainReportPtr]),
    "mw_domain_report_domain": (c_char_p, [DomainReportPtr]),
    "mw_domain_report_region": (c_char_p, [DomainReportPtr]),
    "mw_domain_report_verdict": (c_int, [DomainReportPtr]),
    "mw_domain_report_record_count": (c_size_t, [DomainReportPtr]),
    "mw_domain_report_record_get": (DomainRecordPtr, [DomainReportPtr, c_size_t]),
    "mw_domain_record_purpose": (c_char_p, [DomainRecordPtr]),
    "mw_domain_record_name": (c_char_p, [DomainRecordPtr]),
    "mw_domain_record_type": (c_char_p, [DomainRecordPtr]),
    "mw_domain_record_value": (c_char_p, [DomainRecordPtr]),
    "mw_domain_record_status": (c_int, [DomainRecordPtr]),
    "mw_domain_record_found_count": (c_size_t, [DomainRecordPtr]),
    "mw_domain_record_found_get": (c_char_p, [DomainRecordPtr, c_size_t]),
    "mw_domain_report_finding_count": (c_size_t, [DomainReportPtr]),
    "mw_domain_report_finding_get": (DomainFindingPtr, [DomainReportPtr, c_size_t]),
    "mw_domain_finding_id": (c_char_p, [DomainFindingPtr]),
    "mw_domain_finding_severity": (c_int, [DomainFindingPtr]),
    "mw_domain_finding_message": (c_char_p, [DomainFindingPtr]),
    "mw_domain_report_to_json": (c_int, [POINTER(c_void_p), DomainReportPtr, _ErrOut]),
    # SPF
    "mw_spf_result_name": (c_char_p, [c_int]),
    "mw_spf_check": (
        c_int, [POINTER(SpfOutcomePtr), ResolverPtr, c_char_p, c_char_p, c_char_p, _ErrOut]),
    "mw_spf_outcome_free": (None, [SpfOutcomePtr]),
    "mw_spf_outcome_result": (c_int, [SpfOutcomePtr]),
    "mw_spf_outcome_domain": (c_char_p, [SpfOutcomePtr]),
    "mw_spf_outcome_explanation": (c_char_p, [SpfOutcomePtr]),
    "mw_spf_outcome_matched": (c_char_p, [SpfOutcomePtr]),
    "mw_spf_outcome_problem": (c_char_p, [SpfOutcomePtr]),
    "mw_spf_outcome_lookups": (c_uint, [SpfOutcomePtr]),
    "mw_spf_outcome_void_lookups": (c_uint, [SpfOutcomePtr]),
    "mw_spf_outcome_to_json": (c_int, [POINTER(c_void_p), SpfOutcomePtr, _ErrOut]),
    # Amazon SES client: options
    "mw_ses_options_new": (c_int, [POINTER(SesOptionsPtr), _ErrOut]),
    "mw_ses_options_free": (None, [SesOptionsPtr]),
    "mw_ses_options_set_region": (c_int, [SesOptionsPtr, c_char_p, _ErrOut]),
    "mw_ses_options_set_endpoint": (c_int, [SesOptionsPtr, c_char_p, _ErrOut]),
    "mw_ses_options_set_allow_plaintext": (c_int, [SesOptionsPtr, c_int, _ErrOut]),
    "mw_ses_options_set_ca_file": (c_int, [SesOptionsPtr, c_char_p, _ErrOut]),
    "mw_ses_options_set_credentials": (
        c_int, [SesOptionsPtr, c_char_p, c_char_p, c_char_p, _ErrOut]),
    "mw_ses_options_set_max_attempts": (c_int, [SesOptionsPtr, c_int, _ErrOut]),
    "mw_ses_options_set_retry_non_idempotent": (c_int, [SesOptionsPtr, c_int, _ErrOut]),
    "mw_ses_options_set_rate_limit": (c_int, [SesOptionsPtr, c_int, _ErrOut]),
    "mw_ses_options_set_max_send_rate": (c_int, [SesOptionsPtr, c_double, _ErrOut]),
    # Amazon SES client: client and identities
    "mw_ses_client_open": (c_int, [POINTER(SesClientPtr), SesOptionsPtr, _ErrOut]),
    "mw_ses_client_free": (None, [SesClientPtr]),
    "mw_registry_options_set_ses_client": (
        c_int, [RegistryOptionsPtr, SesClientPtr, c_char_p, c_char_p, _ErrOut]),
    "mw_ses_identity_name": (c_char_p, [SesIdentityPtr]),
    "mw_ses_identity_type": (c_char_p, [SesIdentityPtr]),
    "mw_ses_identity_verification_status": (c_char_p, [SesIdentityPtr]),
    "mw_ses_identity_verified_for_sending": (c_int, [SesIdentityPtr]),
    "mw_ses_identity_dkim_token_count": (c_size_t, [SesIdentityPtr]),
    "mw_ses_identity_dkim_token_get": (c_char_p, [SesIdentityPtr, c_size_t]),
    "mw_ses_identity_mail_from_domain": (c_char_p, [SesIdentityPtr]),
    "mw_ses_identity_mail_from_status": (c_char_p, [SesIdentityPtr]),
    "mw_ses_identity_mail_from_behavior": (c_char_p, [SesIdentityPtr]),
    "mw_ses_identity_to_json": (c_int, [POINTER(c_void_p), SesIdentityPtr, _ErrOut]),
    "mw_ses_identity_free": (None, [SesIdentityPtr]),
    "mw_ses_create_identity": (c_int, [POINTER(SesIdentityPtr), SesClientPtr, c_char_p, _ErrOut]),
    "mw_ses_get_identity": (c_int, [POINTER(SesIdentityPtr), SesClientPtr, c_char_p, _ErrOut]),
    "mw_ses_delete_identity": (c_int, [SesClientPtr, c_char_p, _ErrOut]),
    # Amazon SES client: identity pages, MAIL FROM
    "mw_ses_list_identities": (
        c_int, [POINTER(SesIdentityPagePtr), SesClientPtr, c_int, c_char_p, _ErrOut]),
    "mw_ses_identity_page_count": (c_size_t, [SesIdentityPagePtr]),
    "mw_ses_identity_page_get": (SesIdentityPtr, [SesIdentityPagePtr, c_size_t]),
    "mw_ses_identity_page_next_token": (c_char_p, [SesIdentityPagePtr]),
    "mw_ses_identity_page_to_json": (c_int, [POINTER(c_void_p), SesIdentityPagePtr, _ErrOut]),
    "mw_ses_identity_page_free": (None, [SesIdentityPagePtr]),
    "mw_ses_put_identity_mail_from": (c_int, [SesClientPtr, c_char_p, c_char_p, c_int, _ErrOut]),
    # Amazon SES client: sending, account, suppression list
    "mw_ses_send_email": (
        c_int,
        [POINTER(c_void_p), SesClientPtr, c_char_p, c_char_p, POINTER(c_char_p), c_size_t, c_char_p,
         c_char_p, c_char_p, c_char_p, _ErrOut]),
    "mw_ses_get_account": (
        c_int,
        [POINTER(c_double), POINTER(c_double), POINTER(c_double), POINTER(c_int), SesClientPtr,
         _ErrOut]),
    "mw_ses_put_suppressed_destination": (c_int, [SesClientPtr, c_char_p, c_int, _ErrOut]),
    "mw_ses_suppressed_destination_address": (c_char_p, [SuppressedDestinationPtr]),
    "mw_ses_suppressed_destination_reason": (c_int, [SuppressedDestinationPtr]),
    "mw_ses_suppressed_destination_last_update_time": (c_int64, [SuppressedDestinationPtr]),
    "mw_ses_suppressed_destination_free": (None, [SuppressedDestinationPtr]),
    "mw_ses_get_suppressed_destination": (
        c_int, [POINTER(SuppressedDestinationPtr), SesClientPtr, c_char_p, _ErrOut]),
    "mw_ses_delete_suppressed_destination": (c_int, [SesClientPtr, c_char_p, _ErrOut]),
    "mw_ses_list_suppressed_destinations": (
        c_int, [POINTER(SesSuppressionPagePtr), SesClientPtr, c_int, c_char_p, _ErrOut]),
    "mw_ses_suppression_page_count": (c_size_t, [SesSuppressionPagePtr]),
    "mw_ses_suppression_page_get": (SuppressedDestinationPtr, [SesSuppressionPagePtr, c_size_t]),
    "mw_ses_suppression_page_next_token": (c_char_p, [SesSuppressionPagePtr]),
    "mw_ses_suppression_page_to_json": (c_int, [POINTER(c_void_p), SesSuppressionPagePtr, _ErrOut]),
    "mw_ses_suppression_page_free": (None, [SesSuppressionPagePtr]),
    # Amazon SES client: custom verification emails
    "mw_ses_create_custom_verification_email_template": (
        c_int, [SesClientPtr, c_char_p, c_char_p, c_char_p, c_char_p, c_char_p, c_char_p, _ErrOut]),
    "mw_ses_send_custom_verification_email": (
        c_int, [POINTER(c_void_p), SesClientPtr, c_char_p, c_char_p, c_char_p, _ErrOut]),
    # the domain report of an SES identity
    "mw_domain_check_ses": (
        c_int, [POINTER(DomainReportPtr), ResolverPtr, SesClientPtr, c_char_p, _ErrOut]),
    # feedback classification
    "mw_bounce_class_name": (c_char_p, [c_int]),
    "mw_feedback_kind_name": (c_char_p, [c_int]),
    "mw_feedback_format_name": (c_char_p, [c_int]),
    "mw_feedback_parse": (c_int, [POINTER(FeedbackPtr), c_char_p, c_size_t, _ErrOut]),
    "mw_feedback_format": (c_int, [FeedbackPtr]),
    "mw_feedback_kind": (c_int, [FeedbackPtr]),
    "mw_feedback_event_type": (c_char_p, [FeedbackPtr]),
    "mw_feedback_message_id": (c_char_p, [FeedbackPtr]),
    "mw_feedback_feedback_id": (c_char_p, [FeedbackPtr]),
    "mw_feedback_timestamp": (c_char_p, [FeedbackPtr]),
    "mw_feedback_sender": (c_char_p, [FeedbackPtr]),
    "mw_feedback_ses_bounce_type": (c_char_p, [FeedbackPtr]),
    "mw_feedback_ses_bounce_subtype": (c_char_p, [FeedbackPtr]),
    "mw_feedback_feedback_type": (c_char_p, [FeedbackPtr]),
    "mw_feedback_reporting_mta": (c_char_p, [FeedbackPtr]),
    "mw_feedback_sns_message_id": (c_char_p, [FeedbackPtr]),
    "mw_feedback_topic_arn": (c_char_p, [FeedbackPtr]),
    "mw_feedback_idempotency_key": (c_char_p, [FeedbackPtr]),
    "mw_feedback_to_json": (c_int, [POINTER(c_void_p), FeedbackPtr, c_char_p, _ErrOut]),
    "mw_feedback_free": (None, [FeedbackPtr]),
    "mw_feedback_recipient_count": (c_size_t, [FeedbackPtr]),
    "mw_feedback_recipient_get": (FeedbackRecipientPtr, [FeedbackPtr, c_size_t]),
    "mw_feedback_recipient_class": (c_int, [FeedbackRecipientPtr]),
    "mw_feedback_recipient_smtp_code": (c_int, [FeedbackRecipientPtr]),
    "mw_feedback_recipient_address": (c_char_p, [FeedbackRecipientPtr]),
    "mw_feedback_recipient_original": (c_char_p, [FeedbackRecipientPtr]),
    "mw_feedback_recipient_reason": (c_char_p, [FeedbackRecipientPtr]),
    "mw_feedback_recipient_status": (c_char_p, [FeedbackRecipientPtr]),
    "mw_feedback_recipient_diagnostic": (c_char_p, [FeedbackRecipientPtr]),
    "mw_feedback_recipient_remote_mta": (c_char_p, [FeedbackRecipientPtr]),
    "mw_feedback_recipient_action": (c_char_p, [FeedbackRecipientPtr]),
    # SNS deliveries
    "mw_sns_options_new": (c_int, [POINTER(SnsOptionsPtr), _ErrOut]),
    "mw_sns_options_free": (None, [SnsOptionsPtr]),
    "mw_sns_options_add_topic_arn": (c_int, [SnsOptionsPtr, c_char_p, _ErrOut]),
    "mw_sns_options_set_trusted_raw": (c_int, [SnsOptionsPtr, c_int, _ErrOut]),
    "mw_sns_options_add_certificate": (c_int, [SnsOptionsPtr, c_char_p, c_char_p, _ErrOut]),
    "mw_sns_verifier_open": (c_int, [POINTER(SnsVerifierPtr), SnsOptionsPtr, _ErrOut]),
    "mw_sns_verifier_free": (None, [SnsVerifierPtr]),
    "mw_sns_verifier_add_certificate": (c_int, [SnsVerifierPtr, c_char_p, c_char_p, _ErrOut]),
    "mw_sns_verify": (c_int, [POINTER(SnsEnvelopePtr), SnsVerifierPtr, c_char_p, c_size_t, _ErrOut]),
    "mw_sns_rejection_name": (c_char_p, [ErrorPtr]),
    "mw_sns_envelope_type": (c_char_p, [SnsEnvelopePtr]),
    "mw_sns_envelope_message_id": (c_char_p, [SnsEnvelopePtr]),
    "mw_sns_envelope_topic_arn": (c_char_p, [SnsEnvelopePtr]),
    "mw_sns_envelope_subject": (c_char_p, [SnsEnvelopePtr]),
    "mw_sns_envelope_message": (c_char_p, [SnsEnvelopePtr]),
    "mw_sns_envelope_timestamp": (c_char_p, [SnsEnvelopePtr]),
    "mw_sns_envelope_subscribe_url": (c_char_p, [SnsEnvelopePtr]),
    "mw_sns_envelope_token": (c_char_p, [SnsEnvelopePtr]),
    "mw_sns_envelope_unsubscribe_url": (c_char_p, [SnsEnvelopePtr]),
    # the SNS endpoint
    "mw_endpoint_options_new": (c_int, [POINTER(EndpointOptionsPtr), _ErrOut]),
    "mw_endpoint_options_free": (None, [EndpointOptionsPtr]),
    "mw_endpoint_options_set_account": (c_int, [EndpointOptionsPtr, c_char_p, _ErrOut]),
    "mw_endpoint_options_set_fetch_certificates": (c_int, [EndpointOptionsPtr, c_int, _ErrOut]),
    "mw_endpoint_options_set_auto_confirm": (c_int, [EndpointOptionsPtr, c_int, _ErrOut]),
    "mw_endpoint_options_set_ca_file": (c_int, [EndpointOptionsPtr, c_char_p, _ErrOut]),
    "mw_feedback_outcome_http_status": (c_int, [FeedbackOutcomePtr]),
    "mw_feedback_outcome_message": (c_char_p, [FeedbackOutcomePtr]),
    "mw_feedback_outcome_confirmed": (c_int, [FeedbackOutcomePtr]),
    "mw_feedback_outcome_envelope": (SnsEnvelopePtr, [FeedbackOutcomePtr]),
    "mw_feedback_outcome_report": (IngestReportPtr, [FeedbackOutcomePtr]),
    "mw_feedback_outcome_error": (ErrorPtr, [FeedbackOutcomePtr]),
    "mw_feedback_outcome_free": (None, [FeedbackOutcomePtr]),
    "mw_feedback_endpoint_open": (c_int, [POINTER(FeedbackEndpointPtr), TrackerPtr, SnsOptionsPtr,
                                          EndpointOptionsPtr, _ErrOut]),
    "mw_feedback_endpoint_handle": (c_int, [POINTER(FeedbackOutcomePtr), FeedbackEndpointPtr, c_char_p, c_size_t,
                                            _ErrOut]),
    "mw_feedback_endpoint_free": (None, [FeedbackEndpointPtr]),
    "mw_sns_envelope_free": (None, [SnsEnvelopePtr]),
    # tracker values
    "mw_account_status_name": (c_char_p, [c_int]),
    "mw_suppression_reason_name": (c_char_p, [c_int]),
    "mw_suppression_reason": (c_int, [SuppressionPtr]),
    "mw_suppression_at": (c_int64, [SuppressionPtr]),
    "mw_suppression_account": (c_char_p, [SuppressionPtr]),
    "mw_suppression_address": (c_char_p, [SuppressionPtr]),
    "mw_suppression_evidence_key": (c_char_p, [SuppressionPtr]),
    "mw_suppression_status": (c_char_p, [SuppressionPtr]),
    "mw_suppression_diagnostic": (c_char_p, [SuppressionPtr]),
    "mw_suppression_note": (c_char_p, [SuppressionPtr]),
    "mw_suppression_to_json": (c_int, [POINTER(c_void_p), SuppressionPtr, _ErrOut]),
    "mw_suppression_free": (None, [SuppressionPtr]),
    "mw_suppression_page_count": (c_size_t, [SuppressionPagePtr]),
    "mw_suppression_page_get": (SuppressionPtr, [SuppressionPagePtr, c_size_t]),
    "mw_suppression_page_next_after": (c_char_p, [SuppressionPagePtr]),
    "mw_suppression_page_free": (None, [SuppressionPagePtr]),
    "mw_status_change_account": (c_char_p, [StatusChangePtr]),
    "mw_status_change_at": (c_int64, [StatusChangePtr]),
    "mw_status_change_from": (c_int, [StatusChangePtr]),
    "mw_status_change_to": (c_int, [StatusChangePtr]),
    "mw_status_change_actor": (c_char_p, [StatusChangePtr]),
    "mw_status_change_reason": (c_char_p, [StatusChangePtr]),
    "mw_status_change_to_json": (c_int, [POINTER(c_void_p), StatusChangePtr, _ErrOut]),
    "mw_status_change_list_count": (c_size_t, [StatusChangeListPtr]),
    "mw_status_change_list_get": (StatusChangePtr, [StatusChangeListPtr, c_size_t]),
    "mw_status_change_list_free": (None, [StatusChangeListPtr]),
    "mw_account_stats_account": (c_char_p, [AccountStatsPtr]),
    "mw_account_stats_status": (c_int, [AccountStatsPtr]),
    "mw_account_stats_bounce_rate": (c_double, [AccountStatsPtr]),
    "mw_account_stats_complaint_rate": (c_double, [AccountStatsPtr]),
    "mw_account_stats_status_since": (c_int64, [AccountStatsPtr]),
    "mw_account_stats_status_reason": (c_char_p, [AccountStatsPtr]),
    "mw_account_stats_sends": (c_int64, [AccountStatsPtr]),
    "mw_account_stats_hard_bounces": (c_int64, [AccountStatsPtr]),
    "mw_account_stats_soft_bounces": (c_int64, [AccountStatsPtr]),
    "mw_account_stats_complaints": (c_int64, [AccountStatsPtr]),
    "mw_account_stats_total_sends": (c_int64, [AccountStatsPtr]),
    "mw_account_stats_total_hard_bounces": (c_int64, [AccountStatsPtr]),
    "mw_account_stats_total_soft_bounces": (c_int64, [AccountStatsPtr]),
    "mw_account_stats_total_complaints": (c_int64, [AccountStatsPtr]),
    "mw_account_stats_total_deliveries": (c_int64, [AccountStatsPtr]),
    "mw_account_stats_to_json": (c_int, [POINTER(c_void_p), AccountStatsPtr, _ErrOut]),
    "mw_account_stats_free": (None, [AccountStatsPtr]),
    "mw_ingest_report_events": (c_int64, [IngestReportPtr]),
    "mw_ingest_report_duplicates": (c_int64, [IngestReportPtr]),
    "mw_ingest_report_sends": (c_int64, [IngestReportPtr]),
    "mw_ingest_report_deliveries": (c_int64, [IngestReportPtr]),
    "mw_ingest_report_hard_bounces": (c_int64, [IngestReportPtr]),
    "mw_ingest_report_soft_bounces": (c_int64, [IngestReportPtr]),
    "mw_ingest_report_complaints": (c_int64, [IngestReportPtr]),
    "mw_ingest_report_ignored": (c_int64, [IngestReportPtr]),
    "mw_ingest_report_suppressed_count": (c_size_t, [IngestReportPtr]),
    "mw_ingest_report_suppressed_get": (SuppressionPtr, [IngestReportPtr, c_size_t]),
    "mw_ingest_report_status_change_count": (c_size_t, [IngestReportPtr]),
    "mw_ingest_report_status_change_get": (StatusChangePtr, [IngestReportPtr, c_size_t]),
    "mw_ingest_report_to_json": (c_int, [POINTER(c_void_p), IngestReportPtr, _ErrOut]),
    "mw_ingest_report_free": (None, [IngestReportPtr]),
    # tracker options
    "mw_tracker_options_new": (c_int, [POINTER(TrackerOptionsPtr), _ErrOut]),
    "mw_tracker_options_free": (None, [TrackerOptionsPtr]),
    "mw_tracker_options_set_bounce_suspend": (c_int, [TrackerOptionsPtr, c_double, _ErrOut]),
    "mw_tracker_options_set_bounce_warning": (c_int, [TrackerOptionsPtr, c_double, _ErrOut]),
    "mw_tracker_options_set_complaint_warning": (c_int, [TrackerOptionsPtr, c_double, _ErrOut]),
    "mw_tracker_options_set_complaint_suspend": (c_int, [TrackerOptionsPtr, c_double, _ErrOut]),
    "mw_tracker_options_set_window_sends": (c_int, [TrackerOptionsPtr, c_int64, _ErrOut]),
    "mw_tracker_options_set_minimum_sends": (c_int, [TrackerOptionsPtr, c_int64, _ErrOut]),
    "mw_tracker_options_set_soft_bounce_limit": (c_int, [TrackerOptionsPtr, c_int, c_int64, _ErrOut]),
    "mw_tracker_options_set_suppress_globally": (c_int, [TrackerOptionsPtr, c_int, _ErrOut]),
    "mw_tracker_options_set_count_simulator": (c_int, [TrackerOptionsPtr, c_int, _ErrOut]),
    "mw_tracker_options_set_default_account": (c_int, [TrackerOptionsPtr, c_char_p, _ErrOut]),
    # the tracker
    "mw_tracker_open": (c_int, [POINTER(TrackerPtr), c_char_p, TrackerOptionsPtr, _ErrOut]),
    "mw_registry_tracker": (c_int, [POINTER(TrackerPtr), RegistryPtr, _ErrOut]),
    "mw_tracker_free": (None, [TrackerPtr]),
    "mw_tracker_ingest": (
        c_int, [POINTER(IngestReportPtr), TrackerPtr, c_char_p, c_size_t, c_char_p, _ErrOut]),
    "mw_tracker_ingest_batch": (
        c_int,
        [POINTER(IngestReportPtr), TrackerPtr, POINTER(c_char_p), POINTER(c_size_t), c_size_t, c_char_p,
         _ErrOut]),
    "mw_tracker_record_send": (
        c_int,
        [POINTER(IngestReportPtr), TrackerPtr, c_char_p, c_char_p, POINTER(c_char_p), c_size_t, _ErrOut]),
    "mw_tracker_stats": (c_int, [POINTER(AccountStatsPtr), TrackerPtr, c_char_p, _ErrOut]),
    "mw_tracker_resume": (
        c_int, [POINTER(AccountStatsPtr), TrackerPtr, c_char_p, c_char_p, c_char_p, _ErrOut]),
    "mw_tracker_audit_log": (c_int, [POINTER(StatusChangeListPtr), TrackerPtr, c_char_p, _ErrOut]),
    "mw_tracker_find_suppression": (
        c_int, [POINTER(SuppressionPtr), TrackerPtr, c_char_p, c_char_p, _ErrOut]),
    "mw_tracker_list_suppressions": (
        c_int, [POINTER(SuppressionPagePtr), TrackerPtr, c_char_p, c_size_t, c_char_p, _ErrOut]),
    "mw_tracker_suppress": (
        c_int, [POINTER(SuppressionPtr), TrackerPtr, c_char_p, c_char_p, c_char_p, _ErrOut]),
    "mw_tracker_unsuppress": (c_int, [TrackerPtr, c_char_p, c_char_p, _ErrOut]),
    "mw_tracker_subscribe": (c_int, [POINTER(c_int), TrackerPtr, TrackerStatusFn, c_void_p, _ErrOut]),
    "mw_tracker_unsubscribe": (c_int, [TrackerPtr, c_int, _ErrOut]),
    # the registry's tracker and sends
    "mw_registry_options_set_tracker_options": (c_int, [RegistryOptionsPtr, TrackerOptionsPtr, _ErrOut]),
    "mw_registry_send_receipt": (
        c_int,
        [POINTER(SendReceiptPtr), RegistryPtr, c_char_p, POINTER(c_char_p), c_size_t, c_char_p, c_char_p,
         c_char_p, c_char_p, _ErrOut]),
    "mw_send_receipt_message_id": (c_char_p, [SendReceiptPtr]),
    "mw_send_receipt_suppressed_count": (c_size_t, [SendReceiptPtr]),
    "mw_send_receipt_suppressed_get": (c_char_p, [SendReceiptPtr, c_size_t]),
    "mw_send_receipt_record_error": (c_char_p, [SendReceiptPtr]),
    "mw_send_receipt_free": (None, [SendReceiptPtr]),
    # list cleaning: verdicts and counts
    "mw_mail_domain_status_name": (c_char_p, [c_int]),
    "mw_clean_verdict_row": (c_size_t, [CleanVerdictPtr]),
    "mw_clean_verdict_line": (c_size_t, [CleanVerdictPtr]),
    "mw_clean_verdict_input": (c_char_p, [CleanVerdictPtr]),
    "mw_clean_verdict_address": (c_char_p, [CleanVerdictPtr]),
    "mw_clean_verdict_verdict": (c_int, [CleanVerdictPtr]),
    "mw_clean_verdict_reason_count": (c_size_t, [CleanVerdictPtr]),
    "mw_clean_verdict_reason": (c_char_p, [CleanVerdictPtr, c_size_t]),
    "mw_clean_verdict_duplicate_of": (c_size_t, [CleanVerdictPtr]),
    "mw_clean_verdict_suggestion": (c_char_p, [CleanVerdictPtr]),
    "mw_clean_verdict_domain_status": (c_int, [CleanVerdictPtr]),
    "mw_clean_verdict_to_json": (c_int, [POINTER(c_void_p), CleanVerdictPtr, _ErrOut]),
    "mw_clean_stats_rows": (c_uint64, [CleanStatsPtr]),
    "mw_clean_stats_valid": (c_uint64, [CleanStatsPtr]),
    "mw_clean_stats_risky": (c_uint64, [CleanStatsPtr]),
    "mw_clean_stats_invalid": (c_uint64, [CleanStatsPtr]),
    "mw_clean_stats_duplicates": (c_uint64, [CleanStatsPtr]),
    "mw_clean_stats_domains": (c_uint64, [CleanStatsPtr]),
    "mw_clean_stats_domains_resolved": (c_uint64, [CleanStatsPtr]),
    "mw_clean_stats_free": (None, [CleanStatsPtr]),
    # list cleaning: options and the cleaner
    "mw_clean_options_new": (c_int, [POINTER(CleanOptionsPtr), _ErrOut]),
    "mw_clean_options_free": (None, [CleanOptionsPtr]),
    "mw_clean_options_set_address_options": (c_int, [CleanOptionsPtr, OptionsPtr, _ErrOut]),
    "mw_clean_options_set_resolver": (c_int, [CleanOptionsPtr, ResolverPtr, _ErrOut]),
    "mw_clean_options_set_tracker": (c_int, [CleanOptionsPtr, TrackerPtr, c_char_p, _ErrOut]),
    "mw_clean_options_set_check_disposable": (c_int, [CleanOptionsPtr, c_int, _ErrOut]),
    "mw_clean_options_add_disposable_allow": (c_int, [CleanOptionsPtr, c_char_p, _ErrOut]),
    "mw_clean_options_set_suggest_typos": (c_int, [CleanOptionsPtr, c_int, _ErrOut]),
    "mw_clean_options_set_fold_provider_aliases": (c_int, [CleanOptionsPtr, c_int, _ErrOut]),
    "mw_clean_options_set_input": (c_int, [CleanOptionsPtr, c_int, _ErrOut]),
    "mw_clean_options_set_delimiter": (c_int, [CleanOptionsPtr, c_char, _ErrOut]),
    "mw_clean_options_set_column_name": (c_int, [CleanOptionsPtr, c_char_p, _ErrOut]),
    "mw_clean_options_set_column_index": (c_int, [CleanOptionsPtr, c_size_t, _ErrOut]),
    "mw_clean_options_set_max_pending_rows": (c_int, [CleanOptionsPtr, c_size_t, _ErrOut]),
    "mw_clean_options_set_progress": (
        c_int, [CleanOptionsPtr, CleanProgressFn, c_size_t, c_void_p, _ErrOut]),
    "mw_cleaner_new": (c_int, [POINTER(CleanerPtr), CleanOptionsPtr, CleanVerdictFn, c_void_p, _ErrOut]),
    "mw_cleaner_feed": (c_int, [CleanerPtr, c_char_p, c_size_t, _ErrOut]),
    "mw_cleaner_finish": (c_int, [POINTER(CleanStatsPtr), CleanerPtr, _ErrOut]),
    "mw_cleaner_stats": (c_int, [POINTER(CleanStatsPtr), CleanerPtr, _ErrOut]),
    "mw_cleaner_header_count": (c_size_t, [CleanerPtr]),
    "mw_cleaner_header_get": (c_char_p, [CleanerPtr, c_size_t]),
    "mw_cleaner_free": (None, [CleanerPtr]),
    # mailing lists: lists and subscribers
    "mw_subscriber_state_name": (c_char_p, [c_int]),
    "mw_mailing_list_id": (c_int64, [MailingListPtr]),
    "mw_mailing_list_account": (c_char_p, [MailingListPtr]),
    "mw_mailing_list_name": (c_char_p, [MailingListPtr]),
    "mw_mailing_list_from": (c_char_p, [MailingListPtr]),
    "mw_mailing_list_created_at": (c_int64, [MailingListPtr]),
    "mw_mailing_list_free": (None, [MailingListPtr]),
    "mw_mailing_list_set_count": (c_size_t, [MailingListSetPtr]),
    "mw_mailing_list_set_get": (MailingListPtr, [MailingListSetPtr, c_size_t]),
    "mw_mailing_list_set_free": (None, [MailingListSetPtr]),
    "mw_subscriber_id": (c_int64, [SubscriberPtr]),
    "mw_subscriber_list_id": (c_int64, [SubscriberPtr]),
    "mw_subscriber_address": (c_char_p, [SubscriberPtr]),
    "mw_subscriber_name": (c_char_p, [SubscriberPtr]),
    "mw_subscriber_state": (c_int, [SubscriberPtr]),
    "mw_subscriber_flag_count": (c_size_t, [SubscriberPtr]),
    "mw_subscriber_flag": (c_char_p, [SubscriberPtr, c_size_t]),
    "mw_subscriber_created_at": (c_int64, [SubscriberPtr]),
    "mw_subscriber_updated_at": (c_int64, [SubscriberPtr]),
    "mw_subscriber_confirmed_at": (c_int64, [SubscriberPtr]),
    "mw_subscriber_sends": (c_int64, [SubscriberPtr]),
    "mw_subscriber_opens": (c_int64, [SubscriberPtr]),
    "mw_subscriber_clicks": (c_int64, [SubscriberPtr]),
    "mw_subscriber_last_sent_at": (c_int64, [SubscriberPtr]),
    "mw_subscriber_last_engaged_at": (c_int64, [SubscriberPtr]),
    "mw_subscriber_to_json": (c_int, [POINTER(c_void_p), SubscriberPtr, _ErrOut]),
    "mw_subscriber_free": (None, [SubscriberPtr]),
    "mw_subscriber_set_count": (c_size_t, [SubscriberSetPtr]),
    "mw_subscriber_set_get": (SubscriberPtr, [SubscriberSetPtr, c_size_t]),
    "mw_subscriber_set_free": (None, [SubscriberSetPtr]),
    # mailing lists: the consent log and the facts of a request
    "mw_consent_log_count": (c_size_t, [ConsentLogPtr]),
    "mw_consent_log_get": (ConsentEntryPtr, [ConsentLogPtr, c_size_t]),
    "mw_consent_log_to_json": (c_int, [POINTER(c_void_p), ConsentLogPtr, _ErrOut]),
    "mw_consent_log_free": (None, [ConsentLogPtr]),
    "mw_consent_entry_at": (c_int64, [ConsentEntryPtr]),
    "mw_consent_entry_action": (c_char_p, [ConsentEntryPtr]),
    "mw_consent_entry_source": (c_char_p, [ConsentEntryPtr]),
    "mw_consent_entry_ip": (c_char_p, [ConsentEntryPtr]),
    "mw_consent_entry_user_agent": (c_char_p, [ConsentEntryPtr]),
    "mw_consent_entry_notice_text": (c_char_p, [ConsentEntryPtr]),
    "mw_consent_entry_notice_version": (c_char_p, [ConsentEntryPtr]),
    "mw_consent_entry_detail": (c_char_p, [ConsentEntryPtr]),
    "mw_consent_facts_new": (c_int, [POINTER(ConsentFactsPtr), _ErrOut]),
    "mw_consent_facts_free": (None, [ConsentFactsPtr]),
    "mw_consent_facts_set_source": (c_int, [ConsentFactsPtr, c_char_p, _ErrOut]),
    "mw_consent_facts_set_ip": (c_int, [ConsentFactsPtr, c_char_p, _ErrOut]),
    "mw_consent_facts_set_user_agent": (c_int, [ConsentFactsPtr, c_char_p, _ErrOut]),
    "mw_consent_facts_set_notice": (c_int, [ConsentFactsPtr, c_char_p, c_char_p, _ErrOut]),
    # mailing lists: outcomes, previews, headers, reports
    "mw_subscribe_outcome_accepted": (c_int, [SubscribeOutcomePtr]),
    "mw_subscribe_outcome_refused_because": (c_char_p, [SubscribeOutcomePtr]),
    "mw_subscribe_outcome_check": (CleanVerdictPtr, [SubscribeOutcomePtr]),
    "mw_subscribe_outcome_subscriber": (SubscriberPtr, [SubscribeOutcomePtr]),
    "mw_subscribe_outcome_confirm_link": (c_char_p, [SubscribeOutcomePtr]),
    "mw_subscribe_outcome_to_json": (c_int, [POINTER(c_void_p), SubscribeOutcomePtr, _ErrOut]),
    "mw_subscribe_outcome_free": (None, [SubscribeOutcomePtr]),
    "mw_token_preview_list": (MailingListPtr, [TokenPreviewPtr]),
    "mw_token_preview_subscriber": (SubscriberPtr, [TokenPreviewPtr]),
    "mw_token_preview_expires_at": (c_int64, [TokenPreviewPtr]),
    "mw_token_preview_free": (None, [TokenPreviewPtr]),
    "mw_list_headers_unsubscribe": (c_char_p, [ListHeadersPtr]),
    "mw_list_headers_unsubscribe_post": (c_char_p, [ListHeadersPtr]),
    "mw_list_headers_list_id": (c_char_p, [ListHeadersPtr]),
    "mw_list_headers_free": (None, [ListHeadersPtr]),
    "mw_list_send_report_sent": (c_int64, [ListSendReportPtr]),
    "mw_list_send_report_suppressed": (c_int64, [ListSendReportPtr]),
    "mw_list_send_report_failed": (c_int64, [ListSendReportPtr]),
    "mw_list_send_report_first_error": (c_char_p, [ListSendReportPtr]),
    "mw_list_send_report_free": (None, [ListSendReportPtr]),
    "mw_import_row_check": (CleanVerdictPtr, [ImportRowPtr]),
    "mw_import_row_added": (c_int, [ImportRowPtr]),
    "mw_import_row_refused_because": (c_char_p, [ImportRowPtr]),
    "mw_import_summary_rows": (c_int64, [ImportSummaryPtr]),
    "mw_import_summary_added": (c_int64, [ImportSummaryPtr]),
    "mw_import_summary_refused": (c_int64, [ImportSummaryPtr]),
    "mw_import_summary_reason_count": (c_size_t, [ImportSummaryPtr]),
    "mw_import_summary_reason": (c_char_p, [ImportSummaryPtr, c_size_t]),
    "mw_import_summary_reason_rows": (c_int64, [ImportSummaryPtr, c_size_t]),
    "mw_import_summary_free": (None, [ImportSummaryPtr]),
    "mw_purge_report_dry_run": (c_int, [PurgeReportPtr]),
    "mw_purge_report_count": (c_size_t, [PurgeReportPtr]),
    "mw_purge_report_subscriber": (SubscriberPtr, [PurgeReportPtr, c_size_t]),
    "mw_purge_report_reason": (c_char_p, [PurgeReportPtr, c_size_t]),
    "mw_purge_report_free": (None, [PurgeReportPtr]),
    "mw_purge_policy_new": (c_int, [POINTER(PurgePolicyPtr), _ErrOut]),
    "mw_purge_policy_free": (None, [PurgePolicyPtr]),
    "mw_purge_policy_set_unconfirmed_days": (c_int, [PurgePolicyPtr, c_int, _ErrOut]),
    "mw_purge_policy_set_inactive": (c_int, [PurgePolicyPtr, c_int, c_int, _ErrOut]),
    "mw_purge_policy_set_bounced_and_complained": (c_int, [PurgePolicyPtr, c_int, _ErrOut]),
    "mw_purge_policy_set_dry_run": (c_int, [PurgePolicyPtr, c_int, _ErrOut]),
    # mailing lists: options and the service
    "mw_lists_options_new": (c_int, [POINTER(ListsOptionsPtr), _ErrOut]),
    "mw_lists_options_free": (None, [ListsOptionsPtr]),
    "mw_lists_options_set_address_options": (c_int, [ListsOptionsPtr, OptionsPtr, _ErrOut]),
    "mw_lists_options_set_refuse_disposable": (c_int, [ListsOptionsPtr, c_int, _ErrOut]),
    "mw_lists_options_add_disposable_allow": (c_int, [ListsOptionsPtr, c_char_p, _ErrOut]),
    "mw_lists_options_set_fold_provider_aliases": (c_int, [ListsOptionsPtr, c_int, _ErrOut]),
    "mw_lists_options_set_resolver": (c_int, [ListsOptionsPtr, ResolverPtr, _ErrOut]),
    "mw_lists_options_set_confirm_lifetime": (c_int, [ListsOptionsPtr, c_int64, _ErrOut]),
    "mw_lists_options_set_confirm_link_base": (c_int, [ListsOptionsPtr, c_char_p, _ErrOut]),
    "mw_lists_options_set_unsubscribe_link_base": (c_int, [ListsOptionsPtr, c_char_p, _ErrOut]),
    "mw_lists_options_set_list_id_domain": (c_int, [ListsOptionsPtr, c_char_p, _ErrOut]),
    "mw_registry_lists": (c_int, [POINTER(ListsPtr), RegistryPtr, ListsOptionsPtr, _ErrOut]),
    "mw_lists_free": (None, [ListsPtr]),
    "mw_lists_create": (c_int, [POINTER(MailingListPtr), ListsPtr, c_char_p, c_char_p, c_char_p, _ErrOut]),
    "mw_lists_find": (c_int, [POINTER(MailingListPtr), ListsPtr, c_char_p, c_char_p, _ErrOut]),
    "mw_lists_all": (c_int, [POINTER(MailingListSetPtr), ListsPtr, c_char_p, _ErrOut]),
    "mw_lists_subscribe": (
        c_int,
        [POINTER(SubscribeOutcomePtr), ListsPtr, c_char_p, c_char_p, c_char_p, c_char_p, ConsentFactsPtr, c_int,
         _ErrOut]),
    "mw_lists_resend_confirmation": (
        c_int, [POINTER(c_void_p), ListsPtr, c_char_p, c_char_p, c_char_p, _ErrOut]),
    "mw_lists_inspect": (c_int, [POINTER(TokenPreviewPtr), ListsPtr, c_char_p, _ErrOut]),
    "mw_lists_confirm": (c_int, [POINTER(SubscriberPtr), ListsPtr, c_char_p, ConsentFactsPtr, _ErrOut]),
    "mw_lists_find_subscriber": (
        c_int, [POINTER(SubscriberPtr), ListsPtr, c_char_p, c_char_p, c_char_p, _ErrOut]),
    "mw_lists_headers": (
        c_int, [POINTER(ListHeadersPtr), ListsPtr, c_char_p, c_char_p, c_char_p, _ErrOut]),
    "mw_lists_inspect_unsubscribe": (c_int, [POINTER(SubscriberPtr), ListsPtr, c_char_p, _ErrOut]),
    "mw_lists_unsubscribe": (
        c_int, [POINTER(SubscriberPtr), ListsPtr, c_char_p, c_char_p, ConsentFactsPtr, _ErrOut]),
    "mw_lists_unsubscribe_post": (
        c_int,
        [POINTER(SubscriberPtr), ListsPtr, c_char_p, c_char_p, c_char_p, c_size_t, ConsentFactsPtr, _ErrOut]),
    "mw_lists_unsubscribe_address": (
        c_int, [POINTER(SubscriberPtr), ListsPtr, c_char_p, c_char_p, c_char_p, c_char_p, _ErrOut]),
    "mw_lists_subscribers": (
        c_int, [POINTER(SubscriberSetPtr), ListsPtr, c_char_p, c_char_p, c_int, _ErrOut]),
    "mw_lists_consent_log": (
        c_int, [POINTER(ConsentLogPtr), ListsPtr, c_char_p, c_char_p, c_char_p, _ErrOut]),
    "mw_lists_send": (
        c_int,
        [POINTER(ListSendReportPtr), ListsPtr, c_char_p, c_char_p, c_char_p, c_char_p, c_char_p, _ErrOut]),
    "mw_lists_record_engagement": (
        c_int, [ListsPtr, c_char_p, c_char_p, c_char_p, c_int, c_int, _ErrOut]),
    "mw_lists_import": (
        c_int,
        [POINTER(ImportSummaryPtr), ListsPtr, c_char_p, c_char_p, c_char_p, c_size_t, c_char_p, c_int,
         ConsentFactsPtr, ImportRowFn, c_void_p, _ErrOut]),
    "mw_lists_purge": (
        c_int, [POINTER(PurgeReportPtr), ListsPtr, c_char_p, c_char_p, PurgePolicyPtr, _ErrOut]),
    "mw_is_one_click_post": (c_int, [c_char_p, c_char_p, c_size_t]),
    # message check: options
    "mw_message_check_options_new": (c_int, [POINTER(MessageCheckOptionsPtr), _ErrOut]),
    "mw_message_check_options_free": (None, [MessageCheckOptionsPtr]),
    "mw_message_check_options_set_resolver": (c_int, [MessageCheckOptionsPtr, ResolverPtr, _ErrOut]),
    "mw_message_check_options_set_now": (c_int, [MessageCheckOptionsPtr, c_int64, _ErrOut]),
    "mw_message_check_options_set_dmarc_mode": (c_int, [MessageCheckOptionsPtr, c_int, _ErrOut]),
    "mw_message_check_options_set_allow_sha1": (c_int, [MessageCheckOptionsPtr, c_int, _ErrOut]),
    "mw_message_check_options_set_max_signatures": (c_int, [MessageCheckOptionsPtr, c_size_t, _ErrOut]),
    "mw_message_check_options_set_max_body_bytes": (c_int, [MessageCheckOptionsPtr, c_uint64, _ErrOut]),
    "mw_message_check_options_set_authserv_id": (c_int, [MessageCheckOptionsPtr, c_char_p, _ErrOut]),
    # message check: DKIM signatures
    "mw_dkim_check_result": (c_char_p, [DkimCheckPtr]),
    "mw_dkim_check_reason": (c_char_p, [DkimCheckPtr]),
    "mw_dkim_check_detail": (c_char_p, [DkimCheckPtr]),
    "mw_dkim_check_domain": (c_char_p, [DkimCheckPtr]),
    "mw_dkim_check_selector": (c_char_p, [DkimCheckPtr]),
    "mw_dkim_check_algorithm": (c_char_p, [DkimCheckPtr]),
    "mw_dkim_check_canonicalization": (c_char_p, [DkimCheckPtr]),
    "mw_dkim_check_identity": (c_char_p, [DkimCheckPtr]),
    "mw_dkim_check_body_hash_expected": (c_char_p, [DkimCheckPtr]),
    "mw_dkim_check_body_hash_computed": (c_char_p, [DkimCheckPtr]),
    "mw_dkim_check_signed_header_count": (c_size_t, [DkimCheckPtr]),
    "mw_dkim_check_signed_header": (c_char_p, [DkimCheckPtr, c_size_t]),
    "mw_dkim_check_key_bits": (c_uint, [DkimCheckPtr]),
    "mw_dkim_check_key_testing": (c_int, [DkimCheckPtr]),
    # message check: Authentication-Results fields
    "mw_auth_results_authserv_id": (c_char_p, [AuthResultsPtr]),
    "mw_auth_results_count": (c_size_t, [AuthResultsPtr]),
    "mw_auth_results_method": (c_char_p, [AuthResultsPtr, c_size_t]),
    "mw_auth_results_result": (c_char_p, [AuthResultsPtr, c_size_t]),
    "mw_auth_results_reason": (c_char_p, [AuthResultsPtr, c_size_t]),
    "mw_auth_results_property_count": (c_size_t, [AuthResultsPtr, c_size_t]),
    "mw_auth_results_property_name": (c_char_p, [AuthResultsPtr, c_size_t, c_size_t]),
    "mw_auth_results_property_value": (c_char_p, [AuthResultsPtr, c_size_t, c_size_t]),
    "mw_auth_results_unparsed": (c_char_p, [AuthResultsPtr]),
    # message check: the report
    "mw_message_check": (
        c_int,
        [POINTER(MessageReportPtr), c_char_p, c_size_t, c_char_p, c_char_p, c_char_p, MessageCheckOptionsPtr,
         _ErrOut]),
    "mw_message_report_free": (None, [MessageReportPtr]),
    "mw_message_report_from_domain": (c_char_p, [MessageReportPtr]),
    "mw_message_report_summary": (c_char_p, [MessageReportPtr]),
    "mw_message_report_our_auth_results": (c_char_p, [MessageReportPtr]),
    "mw_message_report_spf_result": (c_char_p, [MessageReportPtr]),
    "mw_message_report_spf_domain": (c_char_p, [MessageReportPtr]),
    "mw_message_report_spf_scope": (c_char_p, [MessageReportPtr]),
    "mw_message_report_spf_explanation": (c_char_p, [MessageReportPtr]),
    "mw_message_report_dmarc_result": (c_char_p, [MessageReportPtr]),
    "mw_message_report_dmarc_reason": (c_char_p, [MessageReportPtr]),
    "mw_message_report_from_problem": (c_char_p, [MessageReportPtr]),
    "mw_message_report_dmarc_policy": (c_char_p, [MessageReportPtr]),
    "mw_message_report_dmarc_disposition": (c_char_p, [MessageReportPtr]),
    "mw_message_report_dmarc_record_domain": (c_char_p, [MessageReportPtr]),
    "mw_message_report_organizational_domain": (c_char_p, [MessageReportPtr]),
    "mw_message_report_dkim_count": (c_size_t, [MessageReportPtr]),
    "mw_message_report_dkim_get": (DkimCheckPtr, [MessageReportPtr, c_size_t]),
    "mw_message_report_spf_checked": (c_int, [MessageReportPtr]),
    "mw_message_report_spf_aligned": (c_int, [MessageReportPtr]),
    "mw_message_report_dkim_aligned": (c_int, [MessageReportPtr]),
    "mw_message_report_arc_result": (c_char_p, [MessageReportPtr]),
    "mw_message_report_arc_reason": (c_char_p, [MessageReportPtr]),
    "mw_message_report_arc_hops": (c_int, [MessageReportPtr]),
    "mw_message_report_arc_oldest_pass": (c_int, [MessageReportPtr]),
    "mw_message_report_auth_results_count": (c_size_t, [MessageReportPtr]),
    "mw_message_report_auth_results_get": (AuthResultsPtr, [MessageReportPtr, c_size_t]),
    "mw_message_report_to_json": (c_int, [POINTER(c_void_p), MessageReportPtr, _ErrOut]),
    # DKIM signing: options
    "mw_dkim_sign_options_new": (c_int, [POINTER(DkimSignOptionsPtr), _ErrOut]),
    "mw_dkim_sign_options_free": (None, [DkimSignOptionsPtr]),
    "mw_dkim_sign_options_set_canonicalization": (c_int, [DkimSignOptionsPtr, c_int, c_int, _ErrOut]),
    "mw_dkim_sign_options_add_header": (c_int, [DkimSignOptionsPtr, c_char_p, _ErrOut]),
    "mw_dkim_sign_options_set_lifetime": (c_int, [DkimSignOptionsPtr, c_int64, _ErrOut]),
    "mw_dkim_sign_options_set_now": (c_int, [DkimSignOptionsPtr, c_int64, _ErrOut]),
    # DKIM signing: the signer
    "mw_dkim_signer_new": (
        c_int,
        [POINTER(DkimSignerPtr), c_char_p, c_size_t, c_char_p, c_char_p, DkimSignOptionsPtr, _ErrOut],
    ),
    "mw_dkim_signer_free": (None, [DkimSignerPtr]),
    "mw_dkim_signer_sign": (c_int, [POINTER(c_void_p), DkimSignerPtr, c_char_p, c_size_t, _ErrOut]),
    "mw_dkim_signer_sign_message": (
        c_int,
        [POINTER(c_void_p), POINTER(c_size_t), DkimSignerPtr, c_char_p, c_size_t, _ErrOut],
    ),
    "mw_dkim_signer_algorithm": (c_char_p, [DkimSignerPtr]),
    "mw_dkim_signer_key_bits": (c_uint, [DkimSignerPtr]),
    "mw_dkim_signer_domain": (c_char_p, [DkimSignerPtr]),
    "mw_dkim_signer_selector": (c_char_p, [DkimSignerPtr]),
    "mw_dkim_signer_txt_record": (c_char_p, [DkimSignerPtr]),
    "mw_dkim_sign_message": (
        c_int,
        [POINTER(c_void_p), POINTER(c_size_t), c_char_p, c_size_t, POINTER(DkimSignerPtr), c_size_t, _ErrOut],
    ),
    # DKIM keys
    "mw_dkim_keygen": (c_int, [POINTER(DkimKeyPtr), c_int, c_uint, _ErrOut]),
    "mw_dkim_key_free": (None, [DkimKeyPtr]),
    "mw_dkim_key_private_pem": (c_char_p, [DkimKeyPtr]),
    "mw_dkim_key_txt_record": (c_char_p, [DkimKeyPtr]),
    "mw_dkim_key_txt_string_count": (c_size_t, [DkimKeyPtr]),
    "mw_dkim_key_txt_string": (c_char_p, [DkimKeyPtr, c_size_t]),
    "mw_dkim_zone_line": (c_int, [POINTER(c_void_p), c_char_p, c_char_p, POINTER(c_char_p), c_size_t, _ErrOut]),
    # bulk-sender readiness: the input
    "mw_rule_status_name": (c_char_p, [c_int]),
    "mw_readiness_input_new": (c_int, [POINTER(ReadinessInputPtr), c_char_p, _ErrOut]),
    "mw_readiness_input_free": (None, [ReadinessInputPtr]),
    "mw_readiness_input_set_sample": (c_int, [ReadinessInputPtr, c_char_p, c_size_t, _ErrOut]),
    "mw_readiness_input_set_connection": (c_int, [ReadinessInputPtr, c_char_p, c_char_p, c_char_p, _ErrOut]),
    "mw_readiness_input_set_stats": (c_int, [ReadinessInputPtr, AccountStatsPtr, _ErrOut]),
    "mw_readiness_input_set_figures": (c_int, [ReadinessInputPtr, c_char_p, c_int64, c_int64, c_int64, _ErrOut]),
    "mw_readiness_input_set_now": (c_int, [ReadinessInputPtr, c_int64, _ErrOut]),
    # bulk-sender readiness: the report and its rules
    "mw_readiness_check": (c_int, [POINTER(ReadinessReportPtr), ReadinessInputPtr, ResolverPtr, _ErrOut]),
    "mw_readiness_report_free": (None, [ReadinessReportPtr]),
    "mw_readiness_report_domain": (c_char_p, [ReadinessReportPtr]),
    "mw_readiness_report_ready": (c_int, [ReadinessReportPtr]),
    "mw_readiness_report_rule_count": (c_size_t, [ReadinessReportPtr]),
    "mw_readiness_report_rule_get": (ReadinessRulePtr, [ReadinessReportPtr, c_size_t]),
    "mw_readiness_report_rule_find": (ReadinessRulePtr, [ReadinessReportPtr, c_char_p]),
    "mw_readiness_report_to_json": (c_int, [POINTER(c_void_p), ReadinessReportPtr, _ErrOut]),
    "mw_readiness_rule_id": (c_char_p, [ReadinessRulePtr]),
    "mw_readiness_rule_title": (c_char_p, [ReadinessRulePtr]),
    "mw_readiness_rule_provider_count": (c_size_t, [ReadinessRulePtr]),
    "mw_readiness_rule_provider": (c_char_p, [ReadinessRulePtr, c_size_t]),
    "mw_readiness_rule_required": (c_int, [ReadinessRulePtr]),
    "mw_readiness_rule_status": (c_int, [ReadinessRulePtr]),
    "mw_readiness_rule_evidence": (c_char_p, [ReadinessRulePtr]),
    # content checks: names and options
    "mw_content_verdict_name": (c_char_p, [c_int]),
    "mw_content_severity_name": (c_char_p, [c_int]),
    "mw_content_options_new": (c_int, [POINTER(ContentOptionsPtr), _ErrOut]),
    "mw_content_options_free": (None, [ContentOptionsPtr]),
    "mw_content_options_set_resolver": (c_int, [ContentOptionsPtr, ResolverPtr, _ErrOut]),
    "mw_content_options_add_blocklist": (c_int, [ContentOptionsPtr, c_char_p, c_char_p, c_int, c_int, _ErrOut]),
    "mw_content_options_add_blocklist_code": (c_int, [ContentOptionsPtr, c_char_p, c_char_p, c_char_p, _ErrOut]),
    "mw_content_options_add_blocklist_refusal": (c_int, [ContentOptionsPtr, c_char_p, c_char_p, _ErrOut]),
    "mw_content_options_set_spamd": (
        c_int, [ContentOptionsPtr, c_char_p, c_uint16, c_uint32, c_double, c_double, _ErrOut]),
    "mw_content_options_add_shortener": (c_int, [ContentOptionsPtr, c_char_p, _ErrOut]),
    "mw_content_options_set_max_message_bytes": (c_int, [ContentOptionsPtr, c_size_t, _ErrOut]),
    "mw_content_options_set_max_links": (c_int, [ContentOptionsPtr, c_size_t, _ErrOut]),
    "mw_content_options_set_max_concurrent_lookups": (c_int, [ContentOptionsPtr, c_size_t, _ErrOut]),
    # content checks: links
    "mw_content_link_url": (c_char_p, [ContentLinkPtr]),
    "mw_content_link_domain": (c_char_p, [ContentLinkPtr]),
    "mw_content_link_ip": (c_char_p, [ContentLinkPtr]),
    "mw_content_link_source": (c_char_p, [ContentLinkPtr]),
    "mw_content_link_obfuscated": (c_int, [ContentLinkPtr]),
    "mw_content_link_shortener": (c_int, [ContentLinkPtr]),
    "mw_content_link_listed_count": (c_size_t, [ContentLinkPtr]),
    "mw_content_link_listed_get": (c_char_p, [ContentLinkPtr, c_size_t]),
    "mw_content_link_unknown_count": (c_size_t, [ContentLinkPtr]),
    "mw_content_link_unknown_get": (c_char_p, [ContentLinkPtr, c_size_t]),
    # content checks: the check and its report
    "mw_content_check": (c_int, [POINTER(ContentReportPtr), c_char_p, c_size_t, ContentOptionsPtr, _ErrOut]),
    "mw_content_report_free": (None, [ContentReportPtr]),
    "mw_content_report_verdict": (c_int, [ContentReportPtr]),
    "mw_content_report_finding_count": (c_size_t, [ContentReportPtr]),
    "mw_content_report_finding_id": (c_char_p, [ContentReportPtr, c_size_t]),
    "mw_content_report_finding_severity": (c_int, [ContentReportPtr, c_size_t]),
    "mw_content_report_finding_evidence": (c_char_p, [ContentReportPtr, c_size_t]),
    "mw_content_report_has_finding": (c_int, [ContentReportPtr, c_char_p]),
    "mw_content_report_link_count": (c_size_t, [ContentReportPtr]),
    "mw_content_report_link_get": (ContentLinkPtr, [ContentReportPtr, c_size_t]),
    "mw_content_report_has_spam_score": (c_int, [ContentReportPtr]),
    "mw_content_report_spam_score": (c_double, [ContentReportPtr]),
    "mw_content_report_spam_threshold": (c_double, [ContentReportPtr]),
    "mw_content_report_spam_rule_count": (c_size_t, [ContentReportPtr]),
    "mw_content_report_spam_rule": (c_char_p, [ContentReportPtr, c_size_t]),
    "mw_content_report_sanitized_html": (c_char_p, [ContentReportPtr]),
    "mw_content_report_text_alternative": (c_char_p, [ContentReportPtr]),
    "mw_content_report_to_json": (c_int, [POINTER(c_void_p), ContentReportPtr, _ErrOut]),
    # content checks: a registry's content policy
    "mw_registry_options_set_content_policy": (
        c_int, [RegistryOptionsPtr, c_char_p, ContentOptionsPtr, c_int, c_int, _ErrOut]),
    # content checks: the HTML sanitizer
    "mw_sanitize_html": (c_int, [POINTER(c_void_p), POINTER(c_void_p), c_char_p, c_size_t, _ErrOut]),
}

_lock = threading.Lock()
_cdll: ctypes.CDLL | None = None


def _candidates() -> list[str]:
    """Library names to try, in order (the env var alone when it is set)."""
    explicit = os.environ.get(ENV_VAR)
    if explicit:
        return [explicit]
    names = [_BUNDLED] if os.path.exists(_BUNDLED) else []
    found = ctypes.util.find_library("mailwarden")
    if found:
        names.append(found)
    names.append(_SONAME)
    return names


def _incompatibility(cdll: ctypes.CDLL) -> str | None:
    """Why the binding cannot use cdll, or None when it can."""
    target = "%d.%d" % TARGET_VERSION
    loaded = "an unknown version"
    if hasattr(cdll, "mw_version"):
        cdll.mw_version.restype = c_char_p
        cdll.mw_version.argtypes = []
        loaded = "version " + (cdll.mw_version() or b"?").decode("ascii", "replace")
    if not hasattr(cdll, "mw_version_compatible"):
        return f"{cdll._name} is {loaded}, older than the {target} ABI this binding is written for"
    fn = cdll.mw_version_compatible
    fn.restype = c_int
    fn.argtypes = [c_int, c_int]
    if fn(*TARGET_VERSION):
        return None
    return (f"{cdll._name} is {loaded}, which cannot serve the {target} ABI this binding is "
            f"written for; install a matching library or binding")


def _declare(cdll: ctypes.CDLL) -> None:
    missing = [name for name in _PROTOTYPES if not hasattr(cdll, name)]
    if missing:
        raise LibraryNotFoundError(
            f"{cdll._name} lacks mailwarden symbols: {', '.join(missing)}")
    for name, (restype, argtypes) in _PROTOTYPES.items():
        fn = getattr(cdll, name)
        fn.restype = restype
        fn.argtypes = argtypes


def _load() -> ctypes.CDLL:
    failures = []
    incompatible = []
    for name in _candidates():
        try:
            cdll = ctypes.CDLL(name)
        except OSError as exc:
            failures.append(f"{name}: {exc}")
            continue
        reason = _incompatibility(cdll)
        if reason is not None:
            incompatible.append(reason)
            continue
        _declare(cdll)
        return cdll
    if incompatible:
        raise IncompatibleLibraryError("; ".join(incompatible))
    hint = (f"set {ENV_VAR} to the full path of libmailwarden.so"
            if not os.environ.get(ENV_VAR) else f"check {ENV_VAR}")
    raise LibraryNotFoundError(
        "cannot load libmailwarden (" + "; ".join(failures) + "); " + hint)


def lib() -> ctypes.CDLL:
    """The loaded library with every prototype declared (loaded once)."""
    global _cdll
    if _cdll is None:
        with _lock:
            if _cdll is None:
                _cdll = _load()
    return _cdll


def path() -> str:
    """The name or path the library was loaded from."""
    return lib()._name
