using Journal.ControlRoom.Auth;

namespace Journal.ControlRoom.Tests.Components;

public sealed class SignInTargetTests
{
    [Theory]
    [InlineData("/approvals", "/approvals")]
    [InlineData("/sessions?principal=ada", "/sessions?principal=ada")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("https://elsewhere.example/", "/")]
    [InlineData("//elsewhere.example/", "/")]
    [InlineData("/\\elsewhere.example/", "/")]
    public void Sign_in_returns_only_to_a_local_path(string? returnUrl, string target) =>
        Assert.Equal(target, ControlRoomAuth.LocalTarget(returnUrl));

    [Fact]
    public void The_cookie_principal_carries_the_key_name_and_role_and_nothing_else()
    {
        var principal = ControlRoomAuth.PrincipalOf(new Hosting.KeyHolder("writer-app", "writer"));

        Assert.Equal("writer-app", principal.Identity!.Name);
        Assert.True(principal.IsInRole("writer"));
        Assert.Equal(2, principal.Claims.Count());
        var viewer = Viewer.Of(principal);
        Assert.Equal(("writer-app", true, false), (viewer.Name, viewer.CanDecide, viewer.IsAdmin));
    }
}
