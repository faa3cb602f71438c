// Original file: proto/prodbench/v1/control_plane.proto


export interface ListTokensRequest {
}

export interface ListTokensRequest__Output {
}
