namespace Workspace.Contracts.Accounts;

/// <summary>Maps the hash of an email-confirmation token to the address and account it confirms.</summary>
[Alias("Workspace.IEmailTokenGrain")]
public interface IEmailTokenGrain : IGrainWithStringKey
{
    [Alias("Register")] Task Register(EmailTokenTarget target);
    [Alias("Resolve")] Task<EmailTokenTarget?> Resolve();
}

/// <summary>Whose claim on which (normalised) address a confirmation token is for.</summary>
[GenerateSerializer, Alias("Workspace.EmailTokenTarget")]
public sealed record EmailTokenTarget([property: Id(0)] string Email, [property: Id(1)] Guid UserId);
