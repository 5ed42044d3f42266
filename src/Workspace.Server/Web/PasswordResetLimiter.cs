using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Workspace.Server.Configuration;

namespace Workspace.Server.Web;

/// <summary>
/// Password-reset emails per recipient per hour (the per-address limit is the <see cref="RateLimits.PasswordReset"/>
/// policy): nobody can flood one person's mailbox from many addresses. Counted whether or not the email has an account.
/// </summary>
public sealed class PasswordResetLimiter(IOptions<WorkspaceOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(email =>
        RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.Security.PasswordResetsPerEmailPerHour,
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        }));

    /// <summary>Whether one more reset email may go to <paramref name="normalisedEmail"/> now.</summary>
    public bool TryAcquire(string normalisedEmail)
    {
        using var lease = _limiter.AttemptAcquire(normalisedEmail);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
