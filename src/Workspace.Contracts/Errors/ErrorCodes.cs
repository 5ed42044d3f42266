namespace Workspace.Contracts.Errors;

/// <summary>
/// Every code a refusal can carry. Each one has a message in every server catalogue
/// (a test checks), so adding a code here without its messages fails the build's tests.
/// </summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "validation.failed";
    public const string Required = "validation.required";
    public const string TooLong = "validation.too-long";
    public const string MarkdownTooDeep = "validation.markdown-too-deep";
    public const string TooShort = "validation.too-short";
    public const string TooMany = "validation.too-many";
    public const string OutOfRange = "validation.out-of-range";
    public const string InvalidEmail = "validation.email";
    public const string InvalidCountry = "validation.country";
    public const string InvalidLanguage = "validation.language";
    public const string InvalidRole = "validation.role";
    public const string InvalidVisibility = "validation.visibility";
    public const string InvalidCharacters = "validation.characters";
    public const string MalformedRequest = "request.malformed";
    public const string RequestTooLarge = "request.too-large";
    public const string RateLimited = "request.rate-limited";
    public const string CsrfInvalid = "csrf.invalid";
    public const string UnknownEndpoint = "request.not-found";
    public const string Unexpected = "server.unexpected";
    public const string ServerUnavailable = "server.unavailable";

    public const string Unauthenticated = "auth.unauthenticated";
    public const string InvalidCredentials = "auth.invalid-credentials";
    public const string LockedOut = "auth.locked-out";
    public const string WrongCurrentPassword = "auth.wrong-current-password";
    public const string EmailTaken = "account.email-taken";
    public const string AccountNotFound = "account.not-found";

    public const string SetupAlreadyComplete = "setup.already-complete";
    public const string SetupTokenInvalid = "setup.token-invalid";

    public const string AdminOnly = "group.admin-only";
    public const string GroupNotFound = "group.not-found";
    public const string GroupAlreadyExists = "group.already-exists";
    public const string FacilitatorOnly = "group.facilitator-only";
    public const string MemberNotFound = "group.member-not-found";
    public const string AlreadyMember = "group.already-member";
    public const string LastFacilitator = "group.last-facilitator";

    public const string InvitationNotFound = "invitation.not-found";
    public const string InvitationExpired = "invitation.expired";
    public const string InvitationRevoked = "invitation.revoked";
    public const string InvitationUsedUp = "invitation.used-up";
    public const string InvitationPredatesRemoval = "invitation.predates-removal";

    public const string DocumentNotFound = "document.not-found";
    public const string DocumentReadOnly = "document.read-only";
    public const string DocumentLocked = "document.locked";
    public const string DocumentTooLarge = "document.too-large";
    public const string DocumentNotOpen = "document.not-open";
    public const string DocumentUnavailable = "document.unavailable";
    public const string OperationInvalid = "operation.invalid";
    public const string OperationClientTaken = "operation.client-taken";
    public const string RevisionFuture = "revision.future";
    public const string RevisionTooOld = "revision.too-old";
    public const string RevisionNotFound = "revision.not-found";
    public const string MessageTooLarge = "request.message-too-large";

    public const string RecommendationNotFound = "recommendation.not-found";
    public const string TransitionIllegal = "recommendation.transition-illegal";
    public const string TransitionFacilitatorOnly = "recommendation.transition-facilitator-only";
    public const string RecommendationClosed = "recommendation.closed";
    public const string RecommendationAdopted = "recommendation.adopted";
    public const string ArticleUnknown = "recommendation.article-unknown";
    public const string MembersOnly = "recommendation.members-only";
    public const string CommentNotFound = "comment.not-found";
    public const string CommentNotYours = "comment.not-yours";
    public const string CommentDeleted = "comment.deleted";
    public const string AmendmentNotFound = "amendment.not-found";
    public const string AmendmentDecided = "amendment.decided";
    public const string AmendmentOutdated = "amendment.outdated";
    public const string AmendmentRangeInvalid = "amendment.range-invalid";
    public const string AmendmentNoChange = "amendment.no-change";
    public const string NoOrganisation = "stance.no-organisation";
    public const string PollNotFound = "poll.not-found";
    public const string PollClosed = "poll.closed";
    public const string PollAlreadyOpen = "poll.already-open";
    public const string FollowUpNotAdopted = "follow-up.not-adopted";
    public const string FollowUpCountry = "follow-up.country";
    public const string FollowUpFutureDate = "follow-up.future-date";
    public const string InvalidUrl = "validation.url";
    public const string InvalidStatus = "validation.status";

    public const string SessionNotFound = "session.not-found";
    public const string SessionNotLive = "session.not-live";
    public const string SessionTransitionIllegal = "session.transition-illegal";
    public const string AgendaTargetUnknown = "session.agenda-target-unknown";
    public const string AgendaItemUnknown = "session.agenda-item-unknown";
    public const string HandAlreadyRaised = "session.hand-already-raised";
    public const string HandNotRaised = "session.hand-not-raised";
    public const string ObserversMayNotQueue = "session.observers-may-not-queue";
    public const string NotPresent = "session.not-present";
    public const string QueueEmpty = "session.queue-empty";
    public const string SessionRemoved = "session.removed";
    public const string NoCurrentItem = "session.no-current-item";
    public const string NoOpenPoll = "session.no-open-poll";
    public const string NotSpeaking = "session.not-speaking";
    public const string RemoveSelf = "session.remove-self";
    public const string QuestionNotFound = "question.not-found";
    public const string QuestionOwn = "question.own";
    public const string QuestionAlreadyUpvoted = "question.already-upvoted";
    public const string QuestionsClosed = "question.closed";

    // Verified email, invitations by email and profile editing (issue 18, claims).
    public const string NoConfirmedAccount = "account.no-confirmed-account";
    public const string AddressConfirmedElsewhere = "account.address-confirmed-elsewhere";
    public const string ConfirmationInvalid = "email.confirmation-invalid";
    public const string ConfirmationExpired = "email.confirmation-expired";
    public const string ConfirmationTooSoon = "email.confirmation-too-soon";
    public const string AlreadyConfirmed = "email.already-confirmed";
    public const string NoMailServer = "email.no-mail-server";
    public const string SameEmail = "email.same-address";
    public const string InvitationEmailMismatch = "invitation.email-mismatch";
    public const string InvitationNotByEmail = "invitation.not-by-email";

    // Email and password reset.
    public const string PasswordResetLinkInvalid = "password-reset.link-invalid";
    public const string OutboxMessageNotFound = "outbox.message-not-found";
    // Second factor (TOTP).
    public const string SecondFactorEnrolmentRequired = "second-factor.enrolment-required";
    public const string SecondFactorWrongCode = "second-factor.wrong-code";
    public const string SecondFactorCodeUsed = "second-factor.code-used";
    public const string SecondFactorTooManyAttempts = "second-factor.too-many-attempts";
    public const string SecondFactorSignInExpired = "second-factor.sign-in-expired";
    public const string SecondFactorAlreadyActive = "second-factor.already-active";
    public const string SecondFactorNotActive = "second-factor.not-active";
    public const string SecondFactorNoEnrolment = "second-factor.no-enrolment";
    public const string SecondFactorRequired = "second-factor.required";
    // Organisations as entities (issue 18): the directory, ties, and who may speak for an organisation.
    public const string OrganisationNotFound = "organisation.not-found";
    public const string OrganisationKindUnknown = "organisation.kind-unknown";
    public const string OrganisationPersonNotFound = "organisation.person-not-found";
    public const string OrganisationMergeSelf = "organisation.merge-self";
    public const string OrganisationContactsOnly = "organisation.contacts-only";
    public const string OrganisationNotVerified = "stance.organisation-not-verified";
    public const string TieNotConfirmed = "stance.tie-not-confirmed";
    // Export of a document (issue 20).
    public const string ExportFormatUnknown = "export.format-unknown";
    // Search across my groups (issue 20).
    public const string SearchQueryInvalid = "search.query-invalid";
    public const string SearchKindUnknown = "search.kind-unknown";

    // Sessions: pausing and extending the current item (issue 20).
    public const string NoItemUnderWay = "session.no-item-under-way";
    public const string ItemAlreadyPaused = "session.item-already-paused";
    public const string ItemNotPaused = "session.item-not-paused";
    public const string QuestionNotAnswered = "question.not-answered";

    // Library of practice (issue 21).
    public const string LibraryEntryNotFound = "library.entry-not-found";
    public const string LibraryEntryWithdrawn = "library.entry-withdrawn";
    public const string LibraryEditorsOnly = "library.editors-only";
    public const string LibraryNeedsOrganisation = "library.needs-organisation";
    public const string LibraryGroupNotYours = "library.group-not-yours";
    public const string LibraryKindUnknown = "library.kind-unknown";
    public const string LibraryLinkInvalid = "library.link-invalid";
    public const string LibraryFileNotFound = "library.file-not-found";
    public const string LibraryFileTypeUnsupported = "library.file-type-unsupported";
    public const string LibraryFileTypeMismatch = "library.file-type-mismatch";
    public const string LibraryFileTooLarge = "library.file-too-large";
    public const string LibraryFileMissing = "library.file-missing";
    public const string LibraryTooManyFiles = "library.too-many-files";
    public const string LibraryCitationKindUnknown = "library.citation-kind-unknown";
    public const string LibraryCiteMembersOnly = "library.cite-members-only";
    public const string LibraryCiteAdoptedOnly = "library.cite-adopted-only";
    public const string LibraryCitationNotFound = "library.citation-not-found";
}
