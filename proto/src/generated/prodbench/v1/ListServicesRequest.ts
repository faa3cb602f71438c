// Original file: proto/prodbench/v1/control_plane.proto


export interface ListServicesRequest {
}

export interface ListServicesRequest__Output {
}
