using Workspace.Contracts.Accounts;

namespace Workspace.Grains.Accounts;

/// <summary>Maps the hash of an email-confirmation token to its address and account (the account grain decides whether it still works).</summary>
public sealed class EmailTokenGrain(
    [PersistentState("email-token", StorageNames.Default)] IPersistentState<EmailTokenState> state) : Grain, IEmailTokenGrain
{
    public async Task Register(EmailTokenTarget target)
    {
        state.State.Target = target;
        await state.WriteStateAsync();
    }

    public Task<EmailTokenTarget?> Resolve() => Task.FromResult(state.State.Target);
}

[GenerateSerializer, Alias("Workspace.EmailTokenState")]
public sealed class EmailTokenState
{
    [Id(0)] public EmailTokenTarget? Target { get; set; }
}
