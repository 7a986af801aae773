using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using PressDeck.Data.Identity;

namespace PressDeck.Team;

/// <summary>The signed-in person's light/dark choice, kept with their account so it follows them to any screen.</summary>
public sealed class ThemePreference(AuthenticationStateProvider authentication, UserManager<AppUser> users)
{
    public event Action? Changed;

    public async Task<bool> IsDarkAsync()
    {
        var user = await CurrentUserAsync();
        return user?.Theme == "dark";
    }

    public async Task SetDarkAsync(bool dark)
    {
        var user = await CurrentUserAsync();
        if (user is null)
        {
            return;
        }

        user.Theme = dark ? "dark" : "light";
        await users.UpdateAsync(user);
        Changed?.Invoke();
    }

    private async Task<AppUser?> CurrentUserAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.Identity?.IsAuthenticated == true ? await users.GetUserAsync(state.User) : null;
    }
}
