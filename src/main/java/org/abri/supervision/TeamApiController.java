package org.abri.supervision;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.abri.identity.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The team view over JSON: the same numbers as {@code /supervision}, for the same people. */
@RestController
@Tag(name = "Supervision", description = "The supervisor's team: caseloads, overdue steps, approvals, supervision rhythm.")
class TeamApiController {

    private final TeamView team;

    TeamApiController(TeamView team) {
        this.team = team;
    }

    @GetMapping(path = "/api/v1/supervision/team", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getSupervisionTeam", summary = "The caller's team (a supervisor) or every team of their agency (an agency manager)",
            description = "Per supervised person: open cases by risk level, caseload against the SOP standard, overdue steps, "
                    + "approvals waiting, the latest individual supervision and what the supervision rhythm says is due. "
                    + "Per team: its size against the supervisor standard and the next team meeting. An agency manager gets "
                    + "the teams " + TeamView.TEAMS_PER_PAGE + " at a time by supervisor's name (page from 0; totalTeams). "
                    + "Others get 403.")
    TeamView.Overview team(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "0") int page) {
        return team.of(me, page);
    }
}
