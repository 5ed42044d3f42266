using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Grains.Accounts;
using Workspace.Grains.Groups;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Accounts;

/// <summary>Claims on an email address: unconfirmed ones never block the owner; the first to confirm keeps it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EmailClaimTests(ClusterFixture fixture)
{
    private static NewAccount Account(string email, string password, string name) => new(email, password, name, "Org", "MX");

    private static string NewEmail() => $"director.{Guid.NewGuid():N}@ngo.example";

    [Fact]
    public async Task An_unconfirmed_claim_never_blocks_the_owner_and_the_first_to_confirm_keeps_the_address()
    {
        var email = NewEmail();
        var account = fixture.Grains.GetGrain<IAccountGrain>(email);
        var impostor = await account.Register(Account(email, "impostor password", "Impostor"), false);
        var director = await account.Register(Account(email, "director password", "Director"), false);

        var foundBefore = await account.GetUserId();
        var impostorBefore = await account.SignIn("impostor password");
        var directorBefore = await account.SignIn("director password");
        var confirmed = await fixture.Confirm(director);
        var impostorAfter = await account.SignIn("impostor password");
        var directorAfter = await account.SignIn("director password");
        var late = await Assert.ThrowsAsync<WorkspaceException>(() => account.Register(Account(email, "third password!", "Late"), false));

        Assert.Null(foundBefore);
        Assert.False(impostor.EmailConfirmed);
        Assert.Equal((SignInStatus.Succeeded, impostor.Id), (impostorBefore.Status, impostorBefore.User!.Id));
        Assert.Equal((SignInStatus.Succeeded, director.Id), (directorBefore.Status, directorBefore.User!.Id));
        Assert.True(confirmed.EmailConfirmed);
        Assert.Equal(director.Id, await account.GetUserId());
        Assert.Equal(SignInStatus.AddressConfirmedElsewhere, impostorAfter.Status);
        Assert.Null(impostorAfter.User);
        Assert.Equal((SignInStatus.Succeeded, director.Id), (directorAfter.Status, directorAfter.User!.Id));
        Assert.Equal(ErrorCodes.EmailTaken, late.Code);
        Assert.False((await fixture.Grains.GetGrain<IUserGrain>(impostor.Id).GetProfile())!.EmailConfirmed);
    }

    [Fact]
    public async Task A_confirmation_link_works_once_dies_when_replaced_and_expires()
    {
        var user = await fixture.NewUser("Iris");
        var account = fixture.Grains.GetGrain<IAccountGrain>(user.Email);
        var first = await account.IssueConfirmation(user.Id);
        var tooSoon = await Assert.ThrowsAsync<WorkspaceException>(() => account.IssueConfirmation(user.Id));
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        var second = await account.IssueConfirmation(user.Id);

        var replaced = await Assert.ThrowsAsync<WorkspaceException>(() => account.Confirm(user.Id, InvitationTokens.Hash(first)));
        await account.Confirm(user.Id, InvitationTokens.Hash(second));
        var reused = await Assert.ThrowsAsync<WorkspaceException>(() => account.Confirm(user.Id, InvitationTokens.Hash(second)));

        var other = await fixture.NewUser("Ines");
        var otherAccount = fixture.Grains.GetGrain<IAccountGrain>(other.Email);
        var old = await otherAccount.IssueConfirmation(other.Id);
        fixture.Clock.Advance(ClusterFixture.EmailConfirmationLifetime);
        var expired = await Assert.ThrowsAsync<WorkspaceException>(() => otherAccount.Confirm(other.Id, InvitationTokens.Hash(old)));

        Assert.Equal(ErrorCodes.ConfirmationTooSoon, tooSoon.Code);
        Assert.Equal(ErrorCodes.ConfirmationInvalid, replaced.Code);
        Assert.Equal(ErrorCodes.ConfirmationInvalid, reused.Code);
        Assert.Equal((ErrorKind.Gone, ErrorCodes.ConfirmationExpired), (expired.Kind, expired.Code));
        Assert.Null(await otherAccount.GetUserId());
    }

    [Fact]
    public async Task Lockout_counts_per_address_whoever_claims_it_and_a_password_change_touches_one_claim()
    {
        var email = NewEmail();
        var account = fixture.Grains.GetGrain<IAccountGrain>(email);
        var one = await account.Register(Account(email, "first password!", "One"), false);
        await account.Register(Account(email, "second password", "Two"), false);

        await account.ChangePassword(one.Id, "first password!", "first password, changed");
        var oldOne = await account.SignIn("first password!");
        var newOne = await account.SignIn("first password, changed");
        var two = await account.SignIn("second password");
        for (var i = 0; i < 3; i++)
        {
            await account.SignIn("wrong password!");
        }

        var locked = await account.SignIn("second password");
        fixture.Clock.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(SignInStatus.InvalidCredentials, oldOne.Status);
        Assert.Equal((SignInStatus.Succeeded, one.Id), (newOne.Status, newOne.User!.Id));
        Assert.Equal(SignInStatus.Succeeded, two.Status);
        Assert.Equal(SignInStatus.LockedOut, locked.Status);
        Assert.Equal(SignInStatus.Succeeded, (await account.SignIn("second password")).Status);
    }

    [Fact]
    public async Task A_confirmed_registration_displaces_unconfirmed_claims()
    {
        var email = NewEmail();
        var account = fixture.Grains.GetGrain<IAccountGrain>(email);
        await account.Register(Account(email, "impostor password", "Impostor"), false);

        var invited = await account.RegisterConfirmed(Account(email, "invited password", "Invited"));

        Assert.True(invited.EmailConfirmed);
        Assert.Equal(invited.Id, await account.GetUserId());
        Assert.Equal(SignInStatus.AddressConfirmedElsewhere, (await account.SignIn("impostor password")).Status);
    }

    [Fact]
    public async Task Stored_accounts_upgrade_unconfirmed_except_the_setup_administrator()
    {
        var admin = await fixture.NewUser("Root", admin: true);
        var person = await fixture.NewUser("Olga");
        await fixture.Confirm(person);
        foreach (var user in new[] { admin, person })
        {
            // As an account stored before claims existed: only Ids 0–4.
            await fixture.RewriteStored<AccountState>(fixture.Grains.GetGrain<IAccountGrain>(user.Email), "account", s =>
            {
                s.EmailConfirmed = false;
                s.Upgraded = false;
                s.OtherClaims = [];
                s.Lost = [];
                s.Confirmations = [];
            });
        }

        Assert.Equal(admin.Id, await fixture.Grains.GetGrain<IAccountGrain>(admin.Email).GetUserId());
        Assert.Null(await fixture.Grains.GetGrain<IAccountGrain>(person.Email).GetUserId());
        Assert.Equal(SignInStatus.Succeeded, (await fixture.Grains.GetGrain<IAccountGrain>(person.Email).SignIn("correct horse battery")).Status);
    }

    [Fact]
    public async Task An_email_change_moves_the_account_only_once_confirmed_at_the_new_address()
    {
        var user = await fixture.NewUser("Marta");
        var oldAccount = fixture.Grains.GetGrain<IAccountGrain>(user.Email);
        var newEmail = NewEmail();
        var newAccount = fixture.Grains.GetGrain<IAccountGrain>(newEmail);
        var token = await newAccount.ClaimForChange(user.Id);

        var newBefore = await newAccount.SignIn("correct horse battery");
        var oldBefore = await oldAccount.SignIn("correct horse battery");
        var moved = await newAccount.Confirm(user.Id, InvitationTokens.Hash(token));
        var newAfter = await newAccount.SignIn("correct horse battery");
        var oldAfter = await oldAccount.SignIn("correct horse battery");
        var reuse = await oldAccount.Register(Account(user.Email, "someone else's", "Next"), false);

        Assert.Equal(SignInStatus.InvalidCredentials, newBefore.Status);
        Assert.Equal(SignInStatus.Succeeded, oldBefore.Status);
        Assert.Equal((newEmail, true), (moved.Email, moved.EmailConfirmed));
        Assert.Equal((SignInStatus.Succeeded, user.Id), (newAfter.Status, newAfter.User!.Id));
        Assert.Equal(SignInStatus.InvalidCredentials, oldAfter.Status);
        Assert.NotEqual(user.Id, reuse.Id);
        Assert.Equal(user.Id, await newAccount.GetUserId());
    }
}
