namespace PressDeck.Publishing;

/// <summary>The office's choice for a post whose time passed while PressDeck was down.</summary>
public enum LatePostPolicy
{
    /// <summary>Keep it for a person to send or withdraw: nothing goes out late by surprise.</summary>
    Hold,

    /// <summary>Send it as soon as PressDeck is back.</summary>
    Send,
}
