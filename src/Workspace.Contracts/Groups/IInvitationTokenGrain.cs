namespace Workspace.Contracts.Groups;

/// <summary>Where an invitation token leads. Keyed by the token's SHA-256 hash, never the token itself.</summary>
[Alias("Workspace.IInvitationTokenGrain")]
public interface IInvitationTokenGrain : IGrainWithStringKey
{
    [Alias("Register")] Task Register(Guid groupId, Guid invitationId);
    [Alias("Resolve")] Task<InvitationTarget?> Resolve();

    /// <summary>The token is replaced (an invitation sent again): it leads nowhere any more.</summary>
    [Alias("Forget")] Task Forget();
}

/// <summary>The group and invitation a token belongs to.</summary>
[GenerateSerializer, Alias("Workspace.InvitationTarget")]
public sealed record InvitationTarget([property: Id(0)] Guid GroupId, [property: Id(1)] Guid InvitationId);
