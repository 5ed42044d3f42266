using Workspace.Contracts.Accounts;

namespace Workspace.Grains.Accounts;

/// <summary>A single-use password-reset link, keyed by its token's hash; redeeming it deletes it.</summary>
public sealed class PasswordResetGrain(
    [PersistentState("password-reset", StorageNames.Default)] IPersistentState<PasswordResetState> state) : Grain, IPasswordResetGrain
{
    public async Task Issue(PasswordResetTicket ticket)
    {
        state.State.Ticket = ticket;
        await state.WriteStateAsync();
    }

    public async Task<PasswordResetTicket?> Redeem(DateTimeOffset now)
    {
        if (state.State.Ticket is not { } ticket)
        {
            return null;
        }

        // Used or expired, it is gone either way: nothing stays behind to be guessed at.
        await state.ClearStateAsync();
        state.State = new PasswordResetState();
        return ticket.ExpiresAt > now ? ticket : null;
    }
}

/// <summary>A reset link's stored ticket; absent once redeemed.</summary>
[GenerateSerializer, Alias("Workspace.PasswordResetState")]
public sealed class PasswordResetState
{
    [Id(0)] public PasswordResetTicket? Ticket { get; set; }
}
