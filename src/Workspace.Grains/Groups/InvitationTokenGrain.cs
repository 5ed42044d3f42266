using Workspace.Contracts.Groups;

namespace Workspace.Grains.Groups;

/// <summary>Maps the hash of an invitation token to its group and invitation.</summary>
public sealed class InvitationTokenGrain(
    [PersistentState("invitation", StorageNames.Default)] IPersistentState<InvitationTokenState> state) : Grain, IInvitationTokenGrain
{
    public async Task Register(Guid groupId, Guid invitationId)
    {
        state.State.Target = new InvitationTarget(groupId, invitationId);
        await state.WriteStateAsync();
    }

    public Task<InvitationTarget?> Resolve() => Task.FromResult(state.State.Target);

    public async Task Forget()
    {
        state.State.Target = null;
        await state.WriteStateAsync();
    }
}

/// <summary>Stored target of one invitation token.</summary>
[GenerateSerializer, Alias("Workspace.InvitationTokenState")]
public sealed class InvitationTokenState
{
    [Id(0)] public InvitationTarget? Target { get; set; }
}
