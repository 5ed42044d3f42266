using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Workspace.Server.Web;

/// <summary>
/// Between the password and the code: a short-lived, HttpOnly, SameSite=Strict cookie, sealed with
/// data protection, that names the person, the sign-in attempt their second-factor grain holds and
/// their security stamp (a password change meanwhile voids it). It reaches nothing but the code step.
/// </summary>
public static class PendingSecondFactor
{
    public const string CookieName = "ws_2fa";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private const string CookiePath = "/api/auth/sign-in";
    private const string Purpose = "Workspace.SecondFactor.PendingSignIn";

    public sealed record Pending(Guid UserId, string AttemptId, string Stamp);

    public static void Issue(HttpContext context, Pending pending)
    {
        var sealedValue = Protector(context).Protect($"{pending.UserId:N}|{pending.AttemptId}|{pending.Stamp}", Lifetime);
        context.Response.Cookies.Append(CookieName, sealedValue, Options(context, Lifetime));
    }

    /// <summary>The pending sign-in this browser holds, or null when it has none, it expired or it was tampered with.</summary>
    public static Pending? Read(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var parts = Protector(context).Unprotect(value).Split('|');
            return parts.Length == 3 && Guid.TryParseExact(parts[0], "N", out var userId) ? new Pending(userId, parts[1], parts[2]) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public static void Clear(HttpContext context) => context.Response.Cookies.Delete(CookieName, Options(context, null));

    private static ITimeLimitedDataProtector Protector(HttpContext context) =>
        context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).ToTimeLimitedDataProtector();

    private static CookieOptions Options(HttpContext context, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = CookiePath,
        MaxAge = maxAge,
        IsEssential = true,
    };
}
