namespace Workspace.Contracts.Accounts;

/// <summary>What a person gives to open an account.</summary>
[GenerateSerializer, Alias("Workspace.NewAccount")]
public sealed record NewAccount(
    [property: Id(0)] string Email,
    [property: Id(1)] string Password,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] string Organisation,
    [property: Id(4)] string Country,
    [property: Id(5)] Guid? OrganisationId = null,
    [property: Id(6)] string? Language = null)
{
    /// <summary>Keeps the password out of logs and exception messages.</summary>
    public override string ToString() => $"NewAccount {{ Email = {Email}, DisplayName = {DisplayName} }}";
}

/// <summary>A person as everyone else sees them, plus whether they administer the server.</summary>
[GenerateSerializer, Alias("Workspace.UserProfile")]
public sealed record UserProfile(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] string Organisation,
    [property: Id(4)] string Country,
    [property: Id(5)] bool IsAdmin,
    [property: Id(6)] string SecurityStamp,
    [property: Id(9)] string? Language = null,
    [property: Id(7)] Guid? OrganisationId = null,
    [property: Id(8)] Organisations.TieStatus Tie = Organisations.TieStatus.Pending,
    [property: Id(10)] bool EmailConfirmed = false)
{
    /// <summary>The language emails to this person are written in: their choice, English until they make one.</summary>
    public string EmailLanguage => Language is "es" or "pt" ? Language : "en";
}

/// <summary>How a sign-in attempt ended.</summary>
[GenerateSerializer, Alias("Workspace.SignInStatus")]
public enum SignInStatus
{
    Succeeded = 0,
    InvalidCredentials = 1,
    LockedOut = 2,

    /// <summary>The password was right for a claim on this address that lost it: someone else confirmed the address.</summary>
    AddressConfirmedElsewhere = 3,
}

/// <summary>The outcome of a sign-in attempt; the profile only when it succeeded.</summary>
[GenerateSerializer, Alias("Workspace.SignInResult")]
public sealed record SignInResult(
    [property: Id(0)] SignInStatus Status,
    [property: Id(1)] UserProfile? User,
    [property: Id(2)] DateTimeOffset? LockedUntil);

/// <summary>What a person may change in their own profile (the organisation is changed through the organisation directory).</summary>
[GenerateSerializer, Alias("Workspace.ProfileChange")]
public sealed record ProfileChange(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string Country,
    [property: Id(2)] string Language);
