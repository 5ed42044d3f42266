using Workspace.Contracts.Accounts;
using Workspace.Contracts.Errors;
using Workspace.Grains.Tests.Infrastructure;

namespace Workspace.Grains.Tests.Accounts;

[Collection(ClusterCollection.Name)]
public sealed class AccountGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Registered_account_signs_in_with_its_password_only()
    {
        var user = await fixture.NewUser("Bruno");
        var account = fixture.Grains.GetGrain<IAccountGrain>(user.Email);

        var ok = await account.SignIn("correct horse battery");
        var wrong = await account.SignIn("wrong horse battery");

        Assert.Equal(SignInStatus.Succeeded, ok.Status);
        Assert.Equal(user.Id, ok.User!.Id);
        Assert.Equal(SignInStatus.InvalidCredentials, wrong.Status);
        Assert.Null(wrong.User);
    }

    [Fact]
    public async Task Unknown_email_is_refused_like_a_wrong_password()
    {
        var result = await fixture.Grains.GetGrain<IAccountGrain>($"nobody.{Guid.NewGuid():N}@example.org").SignIn("whatever-password");

        Assert.Equal(SignInStatus.InvalidCredentials, result.Status);
    }

    [Fact]
    public async Task Failures_on_an_unknown_email_lock_it_exactly_like_an_account()
    {
        var user = await fixture.NewUser("Dora");
        var known = fixture.Grains.GetGrain<IAccountGrain>(user.Email);
        var unknown = fixture.Grains.GetGrain<IAccountGrain>($"nobody.{Guid.NewGuid():N}@example.org");

        var knownResults = new List<SignInStatus>();
        var unknownResults = new List<SignInStatus>();
        for (var i = 0; i < 4; i++)
        {
            knownResults.Add((await known.SignIn("wrong horse battery")).Status);
            unknownResults.Add((await unknown.SignIn("wrong horse battery")).Status);
        }

        Assert.Equal([SignInStatus.InvalidCredentials, SignInStatus.InvalidCredentials, SignInStatus.LockedOut, SignInStatus.LockedOut], knownResults);
        Assert.Equal(knownResults, unknownResults);
    }

    [Fact]
    public async Task A_wrong_current_password_counts_toward_lockout()
    {
        var user = await fixture.NewUser("Elsa");
        var account = fixture.Grains.GetGrain<IAccountGrain>(user.Email);

        var first = await Assert.ThrowsAsync<WorkspaceException>(() => account.ChangePassword(user.Id, "wrong horse battery", "a brand new password"));
        await Assert.ThrowsAsync<WorkspaceException>(() => account.ChangePassword(user.Id, "wrong horse battery", "a brand new password"));
        var third = await Assert.ThrowsAsync<WorkspaceException>(() => account.ChangePassword(user.Id, "wrong horse battery", "a brand new password"));
        var rightButLocked = await Assert.ThrowsAsync<WorkspaceException>(() => account.ChangePassword(user.Id, "correct horse battery", "a brand new password"));

        Assert.Equal(ErrorCodes.WrongCurrentPassword, first.Code);
        Assert.Equal((ErrorKind.Locked, ErrorCodes.LockedOut), (third.Kind, third.Code));
        Assert.Equal(ErrorKind.Locked, rightButLocked.Kind);
        Assert.Equal(SignInStatus.LockedOut, (await account.SignIn("correct horse battery")).Status);
    }

    [Fact]
    public async Task Second_registration_of_a_confirmed_email_is_a_conflict_and_keeps_the_first_password()
    {
        var user = await fixture.NewUser("Carla");
        var account = fixture.Grains.GetGrain<IAccountGrain>(user.Email);
        await fixture.Confirm(user);

        var error = await Assert.ThrowsAsync<WorkspaceException>(() =>
            account.Register(new NewAccount(user.Email, "another password!", "Impostor", "Org", "BR"), isAdministrator: true));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal(ErrorCodes.EmailTaken, error.Code);
        Assert.Equal(SignInStatus.Succeeded, (await account.SignIn("correct horse battery")).Status);
        Assert.Equal(SignInStatus.InvalidCredentials, (await account.SignIn("another password!")).Status);
    }

    [Fact]
    public async Task Invalid_account_lists_every_bad_field_and_stores_nothing()
    {
        var email = $"bad.{Guid.NewGuid():N}@example.org";
        var account = fixture.Grains.GetGrain<IAccountGrain>(email);

        var error = await Assert.ThrowsAsync<WorkspaceException>(() =>
            account.Register(new NewAccount(email, "short", "", new string('x', 151), "XX"), false));

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Equal(
            ["country", "displayName", "organisation", "password"],
            error.FieldErrors.Select(e => e.Field).Order().ToArray());
        Assert.Null(await account.GetUserId());
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_until_the_lockout_passes()
    {
        var user = await fixture.NewUser("Diego");
        var account = fixture.Grains.GetGrain<IAccountGrain>(user.Email);

        await account.SignIn("nope nope nope");
        await account.SignIn("nope nope nope");
        var third = await account.SignIn("nope nope nope");
        var whileLocked = await account.SignIn("correct horse battery");
        fixture.Clock.Advance(TimeSpan.FromMinutes(11));
        var afterwards = await account.SignIn("correct horse battery");

        Assert.Equal(SignInStatus.LockedOut, third.Status);
        Assert.Equal(SignInStatus.LockedOut, whileLocked.Status);
        Assert.Equal(SignInStatus.Succeeded, afterwards.Status);
    }

    [Fact]
    public async Task Changing_the_password_requires_the_current_one_and_rotates_the_security_stamp()
    {
        var user = await fixture.NewUser("Elena");
        var account = fixture.Grains.GetGrain<IAccountGrain>(user.Email);

        var wrong = await Assert.ThrowsAsync<WorkspaceException>(() => account.ChangePassword(user.Id, "not my password", "a brand new password"));
        await account.ChangePassword(user.Id, "correct horse battery", "a brand new password");
        var profile = await fixture.Grains.GetGrain<IUserGrain>(user.Id).GetProfile();

        Assert.Equal(ErrorCodes.WrongCurrentPassword, wrong.Code);
        Assert.NotEqual(user.SecurityStamp, profile!.SecurityStamp);
        Assert.Equal(SignInStatus.InvalidCredentials, (await account.SignIn("correct horse battery")).Status);
        Assert.Equal(SignInStatus.Succeeded, (await account.SignIn("a brand new password")).Status);
    }
}
