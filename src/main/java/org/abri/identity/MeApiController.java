package org.abri.identity;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.abri.identity.IdentityApiModels.IssuedTokenView;
import org.abri.identity.IdentityApiModels.MeView;
import org.abri.identity.IdentityApiModels.PasswordChange;
import org.abri.identity.IdentityApiModels.TokenInput;
import org.abri.identity.IdentityApiModels.TokenView;
import org.abri.platform.FieldChecks;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own account: who they are, their personal API tokens, their password. */
@RestController
@RequestMapping(path = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Me", description = "The caller's own account and personal API tokens. Open to every signed-in role.")
class MeApiController {

    private final UserAccounts accounts;
    private final ApiTokens tokens;

    MeApiController(UserAccounts accounts, ApiTokens tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @GetMapping
    @Operation(operationId = "readMe", summary = "Who am I", description = "The caller's account, agency, roles and language.")
    MeView me(@AuthenticationPrincipal CurrentUser me) {
        UserAccount account = accounts.find(me.id()).orElseThrow();
        return new MeView(account.id(), account.username(), account.fullName(), account.email(), account.agencyId(),
                account.agencyCode(), IdentityApiModels.roleNames(account.roles()), account.locale());
    }

    @GetMapping("/tokens")
    @Operation(operationId = "listMyTokens", summary = "List my API tokens", description = "Active tokens first, then revoked ones. Never the "
            + "secrets.")
    List<TokenView> tokens(@AuthenticationPrincipal CurrentUser me) {
        return tokens.listOwn(me).stream().map(TokenView::of).toList();
    }

    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createMyToken", summary = "Create an API token",
            description = "Answers 201 with the secret, shown this once: only its hash is kept.")
    ResponseEntity<IssuedTokenView> createToken(@AuthenticationPrincipal CurrentUser me,
            @RequestBody TokenInput input) {
        new FieldChecks().text("name", input.name(), true, 80).throwIfAny();
        ApiTokens.IssuedToken issued = tokens.create(me, input.name());
        ApiTokens.ApiToken token = issued.token();
        return ResponseEntity.status(HttpStatus.CREATED).body(new IssuedTokenView(token.id(), token.name(),
                token.tokenPrefix(), token.createdAt(), issued.secret()));
    }

    @DeleteMapping("/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "revokeMyToken", summary = "Revoke an API token", description = "Takes effect at once; answers 204. Revoking a token "
            + "already revoked is harmless; another user's token answers 404.")
    ResponseEntity<Void> revokeToken(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        tokens.revoke(me, id);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "changeMyPassword", summary = "Change my password", description = "Needs the current password; answers 204.")
    ResponseEntity<Void> changePassword(@AuthenticationPrincipal CurrentUser me, @RequestBody PasswordChange input) {
        new FieldChecks().required("currentPassword", input.currentPassword())
                .minLength("newPassword", input.newPassword(), true, UserAccounts.MIN_PASSWORD_LENGTH)
                .throwIfAny();
        accounts.changeOwnPassword(me, input.currentPassword(), input.newPassword());
        return ResponseEntity.noContent().build();
    }
}
