namespace Workspace.Contracts.Accounts;

/// <summary>
/// One person's sign-ins, keyed by their user id: each browser cookie names one. A sign-in that is
/// ended (sign-out, sign-out everywhere, a password change) or past its absolute expiry is refused
/// on the next request, and the nodes holding its live connections are told to close them.
/// </summary>
[Alias("Workspace.ISignInsGrain")]
public interface ISignInsGrain : IGrainWithGuidKey
{
    /// <summary>Starts a sign-in for a new cookie; it lasts until ended or until its absolute expiry.</summary>
    [Alias("Start")] Task<SignInTicket> Start();

    /// <summary>Whether a cookie's sign-in is still valid (asked on every request: read-only, interleaved).</summary>
    [Alias("IsActive"), Orleans.Concurrency.ReadOnly] Task<bool> IsActive(string signInId);

    /// <summary>Ends one sign-in (signing out of one browser).</summary>
    [Alias("End")] Task End(string signInId);

    /// <summary>Ends every sign-in of the person (everywhere, or after a password change).</summary>
    [Alias("EndAll")] Task EndAll();

    /// <summary>
    /// A node holding live connections of this person subscribes (and renews within
    /// <c>SignInsGrain.WatchExpiry</c>); returns those of <paramref name="signInIds"/> no longer valid.
    /// </summary>
    [Alias("Watch")] Task<IReadOnlyList<string>> Watch(string nodeKey, ISignInObserver node, IReadOnlyList<string> signInIds);

    /// <summary>The node holds no more live connections of this person.</summary>
    [Alias("Unwatch")] Task Unwatch(string nodeKey);
}

/// <summary>A node's link to a person's sign-ins: told which ones ended, so it closes their live connections.</summary>
[Alias("Workspace.ISignInObserver")]
public interface ISignInObserver : IGrainObserver
{
    [Alias("Ended")] Task Ended(Guid userId, IReadOnlyList<string> signInIds);
}

/// <summary>A new sign-in: the id the cookie carries and when it ends at the latest.</summary>
[GenerateSerializer, Alias("Workspace.SignInTicket")]
public sealed record SignInTicket([property: Id(0)] string Id, [property: Id(1)] DateTimeOffset ExpiresAt);
